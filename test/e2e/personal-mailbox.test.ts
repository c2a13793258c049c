/**
 * The worker in the coordinator's own mailbox (issue 9, "what it must show"), on real Dovecot,
 * Redis, SQLite and an SMTP capture: 300 old messages (last year's forms from registered units
 * among them), 120 everyday office mails since the opening and 40 submissions. Only the 40 are
 * judged and answered; nothing else is answered, listed for the coordinator or kept.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { App } from '../../src/app/build-app.js';
import { collectStatus } from '../../src/cli/status-command.js';
import { importMessages } from '../../src/cli/import-command.js';
import { everydayMails, lastYearFormMail } from '../../scripts/make-everyday-mails.js';
import { fillMaildir } from '../harness/maildir.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const UNITS = ['电子信息工程学院', '计算机科学与技术学院', '经济管理学院', '交通运输学院', '土木建筑工程学院', '机械与电子控制工程学院', '电气工程学院', '语言与传播学院'];
const unitAddress = (i: number) => `office${i}@example.edu.cn`;

describe('a coordinator’s own mailbox: years of mail, everyday mail, and the call’s submissions', () => {
  let stack: WorkerStack;
  let app: App;
  const everydaySenders = new Set<string>();
  const submitters: string[] = [];

  before(async () => {
    stack = await startWorkerStack('personal-mailbox', { campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'] }, extraEnv: { REPLY_RETRY_SECONDS: '0.5' } });
    const { dovecot } = stack;
    // The registry knows the units' addresses: last year's forms come from them.
    const units = UNITS.map((name, i) => ({ name, addresses: [unitAddress(i)] }));
    fs.writeFileSync(path.join(stack.configDir, 'units.yaml'), stringify({ units }));

    const user = dovecot.users[0]!.user;
    const old = await everydayMails(260, { from: new Date('2024-03-01T00:00:00Z'), to: new Date('2025-04-18T00:00:00Z'), seed: 2024, prefix: 'old' });
    for (let i = 0; i < 40; i++) {
      const unit = { name: UNITS[i % UNITS.length]!, contact: '张老师', address: unitAddress(i % UNITS.length) };
      old.push(await lastYearFormMail(unit, await recommendationForm(unit.name, [activity(1, { startDate: '2024-05-20' })]), i, new Date(Date.UTC(2024, 4, 1 + (i % 20), 2))));
    }
    await fillMaildir(dovecot, user, 'INBOX', old.map((m) => ({ raw: m.raw, internalDate: m.internalDate })));

    const everyday = await everydayMails(120, { from: new Date('2025-04-22T00:00:00Z'), to: new Date('2025-06-10T00:00:00Z'), prefix: 'everyday' });
    for (const m of everyday) {
      await dovecot.append(user, 'INBOX', m.raw, [], m.internalDate);
      everydaySenders.add(/^From: .*<([^>]+)>/m.exec(m.raw.toString('latin1'))?.[1]?.toLowerCase() ?? '');
    }
    for (let i = 0; i < 40; i++) {
      const unit = UNITS[i % UNITS.length]!;
      const from = `sender${i}@example.edu.cn`;
      submitters.push(from);
      const rows = i % 5 === 0 ? [activity(1, { startDate: '5.20' })] : [activity(1), activity(2)];
      // Most name the form; a few say nothing and are tied by the form found in the file alone.
      const subject = i % 10 === 3 ? '请查收' : `${unit} 推荐表`;
      const filename = i % 10 === 3 ? '新建 Microsoft Excel 工作表.xlsx' : '附件1-推荐表.xlsx';
      await dovecot.append(user, 'INBOX', await unitMailWith({ from, subject, messageId: `<sub${i}@example.edu.cn>`, attachments: [{ filename, content: await recommendationForm(unit, rows) }] }));
    }

    app = await stack.startApp();
    await waitFor('every mail taken and every job done', async () => (await app.runWatcherRound()) === 0 && (await app.pendingJobs()) === 0 && (await app.store.messages.counts()).stored === 160, 240_000, 250);
  });

  after(() => stack?.stop());

  it('the 300 old messages are left alone: none taken, and status says so', async () => {
    const status = await collectStatus(app);
    assert.equal(status.messages.stored, 160, '120 everyday + 40 submissions, none of the old');
    assert.equal(status.mailboxes[0]?.leftAlone, 300);
  });

  it('all 40 submissions are judged and answered, once each; nothing goes to anyone else', async () => {
    const versions = await app.store.db.selectFrom('submission_versions').select(['message_id', 'status']).execute();
    assert.equal(new Set(versions.map((v) => v.message_id)).size, 40);
    assert.ok(versions.every((v) => v.status !== 'held'), 'every submission placed');
    const recipients = stack.smtp.messages.flatMap((m) => m.envelope.rcptTo);
    assert.deepEqual([...recipients].sort(), [...submitters].sort(), 'exactly one reply per submission');
    for (const sender of everydaySenders) assert.ok(!recipients.includes(sender), `no mail to ${sender}`);
    const refused = await app.store.db.selectFrom('outbox').select('recipient').where('status', '=', 'refused').execute();
    assert.deepEqual(refused, [], 'no reply even considered for everyday mail');
  });

  it('the 120 everyday mails are unrelated: not kept (no raw copy, no attachment, no subject or sender)', async () => {
    const rows = await app.store.db.selectFrom('messages').selectAll().where('kind', '=', 'unrelated').execute();
    assert.equal(rows.length, 120);
    for (const r of rows) {
      assert.equal(await app.blobs.has(r.raw_sha256), false, 'raw copy removed');
      assert.deepEqual([r.subject, r.from_address, r.parsed_json], [null, null, null]);
    }
    const attachments = await app.store.db.selectFrom('attachments').select('message_id').where('message_id', 'in', rows.map((r) => r.id)).execute();
    assert.deepEqual(attachments, []);
    // Every blob left on disk is used by a submission or by a reply sent: nothing of the everyday mail stays.
    const kept = new Set<string>();
    for (const m of await app.store.db.selectFrom('messages').select('raw_sha256').where('kind', '=', 'submission').execute()) kept.add(m.raw_sha256);
    for (const a of await app.store.db.selectFrom('attachments').select('sha256').execute()) kept.add(a.sha256);
    for (const o of await app.store.db.selectFrom('outbox').select('raw_sha256').execute()) if (o.raw_sha256) kept.add(o.raw_sha256);
    const onDisk = fs.readdirSync(path.join(stack.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name)).map((e) => e.name);
    assert.deepEqual(onDisk.filter((sha) => !kept.has(sha)), []);
  });

  it('an old mbox given to import is stored as given, but last year’s form is never judged or answered', async () => {
    const mboxDir = fs.mkdtempSync(path.join(stack.dir, 'import-'));
    const old = await lastYearFormMail({ name: UNITS[0]!, contact: '张老师', address: unitAddress(0) }, await recommendationForm(UNITS[0]!, [activity(1)]), 900, new Date('2024-05-06T02:00:00Z'));
    fs.writeFileSync(path.join(mboxDir, 'old.eml'), old.raw);
    const sentBefore = stack.smtp.messages.length;
    assert.equal((await importMessages(app, [mboxDir])).stored, 1);
    const row = await waitFor('the import ingested and settled', async () => {
      const r = await app.store.db.selectFrom('messages').selectAll().where('message_id', '=', old.messageId.replace(/[<>]/g, '')).executeTakeFirst();
      return r?.kind === 'before_opening' && (await app.pendingJobs()) === 0 ? r : null;
    });
    assert.equal(await app.blobs.has(row.raw_sha256), true, 'kept as given');
    assert.deepEqual(await app.store.submissions.versionsOfMessage(row.id), []);
    assert.equal(stack.smtp.messages.length, sentBefore, 'nothing sent');
  });

  it('the digest lists none of it in 需要您处理 and says in one line what it left alone', async () => {
    const { digest } = await app.digest.prepare(new Date());
    assert.deepEqual(digest.needsYou, []);
    assert.ok(digest.text.includes('另有 120 封与本次征集无关的邮件，程序未处理、未保存、未回复；征集开始（4月21日）前收到的 300 封旧邮件未读取。'), digest.text);
  });
});
