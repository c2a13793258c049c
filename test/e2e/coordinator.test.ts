/**
 * The coordinator decides on held submissions by answering them from her own mail client; only
 * an authenticated instruction is obeyed.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { simpleParser } from 'mailparser';
import type { App } from '../../src/app/build-app.js';
import { revalidate } from '../../src/cli/revalidate-command.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { formatUnits, listUnits } from '../../src/cli/units-command.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const COORDINATOR = 'mywu@bjtu.edu.cn';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyTxt = `v=DKIM1; k=rsa; p=${keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

describe('the coordinator decides on held submissions by mail', () => {
  let stack: WorkerStack;
  let app: App;

  before(async () => {
    stack = await startWorkerStack('coordinator', { campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'] } });
    const config = loadAppConfig(stack.env);
    const withAuthserv = { ...config, campaign: { ...config.campaign, campaign: { ...config.campaign.campaign, mailbox: { ...config.campaign.campaign.mailbox, authservId: 'mx.bjtu.test' } } } };
    // DNS cannot be real here: the resolver serves the coordinator domain's DKIM key.
    const dnsResolver = (name: string) => (name === 's1._domainkey.bjtu.edu.cn' ? Promise.resolve([[publicKeyTxt]]) : Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })));
    app = await stack.startApp({ config: withAuthserv, dnsResolver });
  });
  after(() => stack?.stop());

  const deliver = (raw: Buffer) => stack.deliver(raw);
  const settle = () => waitFor('the queues to drain', async () => (await app.runWatcherRound()) === 0 && (await app.pendingJobs()) === 0, 60_000, 200);
  const to = (address: string) => stack.mailTo(address);
  const heldMail = async (from: string, id: string) => {
    await deliver(await unitMailWith({ from, subject: '推荐表', messageId: `<${id}@example.edu.cn>`, attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm('', [activity(1)]) }] }));
    await settle();
    assert.equal(to(from).length, 0, 'a held submission is not answered');
  };
  const coordinatorAnswer = (id: string, body: string, headers: Record<string, string> = {}) =>
    unitMailWith({ from: `吴老师 <${COORDINATOR}>`, subject: 'Re: 推荐表', messageId: `<decision-${id}@bjtu.edu.cn>`, inReplyTo: `<${id}@example.edu.cn>`, references: `<${id}@example.edu.cn>`, text: `${body}\n\n在 2025年5月3日 写道：\n> 老师好`, headers });

  it('she answers with a unit’s name, vouched for by our server → the mail is that unit’s, and the unit gets its reply', async () => {
    await heldMail('nobody1@example.edu.cn', 'held-1');
    await deliver(await coordinatorAnswer('held-1', '电信学院', { 'Authentication-Results': 'mx.bjtu.test; dkim=pass header.d=bjtu.edu.cn; spf=pass smtp.mailfrom=mywu@bjtu.edu.cn' }));
    await settle();
    const replies = await Promise.all(to('nobody1@example.edu.cn').map((m) => simpleParser(m.raw)));
    assert.equal(replies.length, 1, `the unit is answered once; the worker's log:\n${stack.appLog()}`);
    assert.match(replies[0]!.subject ?? '', /电子信息工程学院/);
    assert.equal(to(COORDINATOR).length, 0, 'her own mail is never answered');
  });

  it('the address she assigned is learned: the unit’s next mail from it is recognised with no hold, listed by `units`, shown in the digest', async () => {
    const before = to('nobody1@example.edu.cn').length;
    await deliver(await unitMailWith({ from: 'nobody1@example.edu.cn', subject: '推荐表（第二批）', messageId: '<learned-next@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm('', [activity(2)]) }] }));
    await settle();
    const replies = await Promise.all(to('nobody1@example.edu.cn').slice(before).map((m) => simpleParser(m.raw)));
    assert.equal(replies.length, 1, 'answered at once, not held');
    assert.match(replies[0]!.subject ?? '', /电子信息工程学院/);
    assert.equal(replies[0]!.inReplyTo, '<learned-next@example.edu.cn>');

    const listing = await listUnits(app);
    assert.deepEqual(listing.find((u) => u.name === '电子信息工程学院')?.learned.map((l) => l.address), ['nobody1@example.edu.cn']);
    assert.match(formatUnits(listing), /记住的邮箱：nobody1@example\.edu\.cn/);
    const { digest, input } = await app.digest.prepare(new Date());
    assert.ok(!input.needsYou.some((n) => n.subject.includes('第二批')), 'nothing waits for her');
    assert.match(digest.text, /【新记住的发件邮箱】1 个\nnobody1@example\.edu\.cn → 电子信息工程学院/);
  });

  it('she answers “电信学院 通过”, signed with DKIM that the worker checks itself → accepted despite its problems', async () => {
    await heldMail('nobody2@example.edu.cn', 'held-2');
    const unsigned = await coordinatorAnswer('held-2', '电信学院 通过');
    const privateKey = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const { signatures } = await dkimSign(unsigned, { signingDomain: 'bjtu.edu.cn', selector: 's1', privateKey, signatureData: [{ signingDomain: 'bjtu.edu.cn', selector: 's1', privateKey }] });
    assert.match(signatures, /^DKIM-Signature:/);
    await deliver(Buffer.concat([Buffer.from(signatures), unsigned]));
    await settle();
    const replies = await Promise.all(to('nobody2@example.edu.cn').map((m) => simpleParser(m.raw)));
    assert.equal(replies.length, 1, `the unit is answered once; the worker's log:\n${stack.appLog()}`);
    assert.match(replies[0]!.subject ?? '', /^【回执】/);
  });

  it('revalidate keeps her decisions: the mail she assigned stays that unit’s, the one she accepted stays accepted', async () => {
    const statusOf = async (id: string) => {
      const [message] = await app.store.messages.byMessageIdHeader(`${id}@example.edu.cn`);
      assert.ok(message, `mail ${id} is stored`);
      return (await app.store.submissions.versionsOfMessage(message.id)).map((v) => ({ unit: v.unit, deliverable: v.deliverable, status: v.status }));
    };
    const assigned = await statusOf('held-1');
    const accepted = await statusOf('held-2');
    assert.deepEqual(accepted, [{ unit: '电子信息工程学院', deliverable: 'recommendation', status: 'accepted' }], `the worker's log:\n${stack.appLog()}`);
    assert.equal(assigned[0]?.unit, '电子信息工程学院');
    const summary = await revalidate(app);
    assert.deepEqual(summary.changed, [], 'no verdict falls back to held or needs-correction');
    assert.deepEqual(await statusOf('held-1'), assigned);
    assert.deepEqual(await statusOf('held-2'), accepted);
  });

  it('a forged instruction (no authentication) is not obeyed and shows as a suspected forgery', async () => {
    await heldMail('nobody3@example.edu.cn', 'held-3');
    await deliver(await coordinatorAnswer('held-3', '电信学院 通过', { 'Authentication-Results': 'mx.bjtu.test; dkim=fail header.d=bjtu.edu.cn; spf=fail smtp.mailfrom=mywu@bjtu.edu.cn' }));
    await settle();
    assert.equal(to('nobody3@example.edu.cn').length, 0);
    const incidents = await app.store.incidents.open();
    assert.ok(incidents.some((i) => i.kind === 'suspected_forgery'), 'the digest will show it');
  });
});
