/**
 * What a unit sees: exactly one reply per mail, in its thread, never to machine mail, never
 * twice — through real Dovecot, smtp-server, Redis and SQLite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { buildApp, type App } from '../../src/app/build-app.js';
import { revalidate } from '../../src/cli/revalidate-command.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const UNIT = '计算机科学与技术学院';

describe('replies to units', () => {
  let stack: WorkerStack;
  let app: App;
  let n = 0;

  before(async () => {
    stack = await startWorkerStack('replies', { campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'] }, extraEnv: { REPLY_RETRY_SECONDS: '0.5' } });
    app = await stack.startApp();
  });
  after(() => stack?.stop());

  const deliver = (raw: Buffer) => stack.deliver(raw);
  const repliesTo = (address: string) => stack.repliesTo(address);
  const settle = async () => {
    await waitFor('the queues to drain', async () => (await app.runWatcherRound()) === 0 && (await app.pendingJobs()) === 0, 60_000, 200);
  };
  const nextAddress = () => `unit${++n}@example.edu.cn`;

  it('a unit sends a valid recommendation form → one acknowledgement, in its thread, marked as an auto-reply', async () => {
    const from = nextAddress();
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<valid-1@example.edu.cn>', attachments: [{ filename: '附件1-推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1), activity(2)]) }] }));
    await settle();
    const replies = await repliesTo(from);
    assert.equal(replies.length, 1);
    const [reply] = replies;
    assert.match(reply!.subject ?? '', /^【回执】计算机科学与技术学院 推荐表 已收到 \[R-[0-9A-Z]{6}\]$/);
    assert.equal(reply!.inReplyTo, '<valid-1@example.edu.cn>');
    assert.equal(reply!.headers.get('auto-submitted'), 'auto-replied');
    assert.match(reply!.messageId ?? '', /@bjtu\.edu\.cn>$/);
    assert.match(reply!.text ?? '', /2/);
    assert.equal(reply!.attachments.length, 0);
  });

  it('a unit sends a form with mistakes → one correction request naming every problem cell, with the annotated workbook', async () => {
    const from = nextAddress();
    const form = await recommendationForm(UNIT, [activity(1, { startDate: '5.20' }), activity(2, { expectedParticipants: '约200', leaderPhone: '12345' })]);
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<bad-1@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: form }] }));
    await settle();
    const replies = await repliesTo(from);
    assert.equal(replies.length, 1);
    const reply = replies[0]!;
    assert.match(reply.subject ?? '', /^【修改通知】/);
    const version = (await app.store.db.selectFrom('submission_versions').selectAll().where('message_id', 'in', app.store.db.selectFrom('messages').select('id').where('message_id', '=', 'bad-1@example.edu.cn')).execute())[0]!;
    const cells = (await app.store.submissions.problems(version.id)).map((p) => p.cell).filter(Boolean) as string[];
    assert.ok(cells.length >= 3, `three problem cells found: ${cells.join(', ')}`);
    for (const cell of cells) assert.ok(reply.text?.includes(cell), `the reply names ${cell}`);
    assert.equal(reply.attachments.length, 1);
    assert.match(reply.attachments[0]!.filename ?? '', /^问题标注-推荐表\.xlsx$/);
  });

  it('a unit sends only a photo of the printed 推荐表 → a correction request saying what arrived, with the blank template attached; never 已收到', async () => {
    const from = nextAddress();
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40_000, 7), Buffer.from([0xff, 0xd9])]);
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<photo-1@example.edu.cn>', attachments: [{ filename: '推荐表.jpg', content: photo }] }));
    await settle();
    const replies = await repliesTo(from);
    assert.equal(replies.length, 1);
    const reply = replies[0]!;
    assert.match(reply.subject ?? '', /^【修改通知】/);
    assert.doesNotMatch(reply.subject ?? '', /已收到/);
    assert.ok(reply.text?.includes('收到的是附件“推荐表.jpg”（图片）'), reply.text);
    assert.deepEqual(reply.attachments.map((a) => a.filename), ['附件1-特色群众性主题实践活动推荐表.xlsx']);
    assert.equal(reply.attachments[0]!.content.subarray(0, 2).toString('latin1'), 'PK', 'the template is an .xlsx');
  });

  it('the unit answers the correction request with the fixed file → an acknowledgement of version 2 saying what changed', async () => {
    const from = nextAddress();
    await deliver(await unitMailWith({ from, subject: '电气学院 推荐表', messageId: '<v1@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm('电气工程学院', [activity(1, { startDate: '5.20' })]) }] }));
    await settle();
    const [first] = await repliesTo(from);
    assert.match(first!.subject ?? '', /^【修改通知】/);
    await deliver(
      await unitMailWith({
        from,
        subject: `Re: ${first!.subject}`,
        messageId: '<v2@example.edu.cn>',
        inReplyTo: first!.messageId!,
        references: `<v1@example.edu.cn> ${first!.messageId}`,
        attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm('电气工程学院', [activity(1), activity(2)]) }],
      }),
    );
    await settle();
    const replies = await repliesTo(from);
    assert.equal(replies.length, 2);
    const second = replies.find((r) => r.inReplyTo === '<v2@example.edu.cn>')!;
    assert.match(second.subject ?? '', /^【回执】/);
    assert.match(second.text ?? '', /已修正 1 处/);
    assert.match(second.text ?? '', /科普活动2/);
  });

  it('auto-replies, bounces and list mail from a unit’s address get no reply', async () => {
    const from = nextAddress();
    const form = { filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1)]) };
    await deliver(await unitMailWith({ from, subject: '自动回复: 推荐表', messageId: '<auto@example.edu.cn>', headers: { 'Auto-Submitted': 'auto-replied' } }));
    await deliver(await unitMailWith({ from, subject: '推荐表', messageId: '<list@example.edu.cn>', headers: { 'List-Id': '<units.example.edu.cn>' }, attachments: [form] }));
    await deliver(await unitMailWith({ from: `MAILER-DAEMON@example.edu.cn`, subject: 'Undeliverable: 推荐表', messageId: '<ndr@example.edu.cn>', headers: { 'X-Failed-Recipients': from } }));
    await settle();
    assert.equal((await repliesTo(from)).length, 0);
    assert.equal((await app.store.messages.counts()).byKind.auto_reply, 1);
  });

  it('SMTP answers 451 for a while, then recovers → exactly one reply', async () => {
    const from = nextAddress();
    stack.smtp.failWith(451, 2);
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<tempfail@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1)]) }] }));
    await waitFor('the reply to get through', async () => (await repliesTo(from)).length === 1, 60_000, 200);
    await settle();
    assert.equal((await repliesTo(from)).length, 1);
    assert.equal(stack.smtp.rejected.filter((r) => r.envelope.rcptTo.includes(from)).length, 2);
  });

  it('SMTP refuses with 550 → recorded as failed, the coordinator is told, no retry storm', async () => {
    const from = nextAddress();
    stack.smtp.failWith(550, 1);
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<permfail@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1)]) }] }));
    await waitFor('the refusal to be recorded', async () => (await app.store.outbox.list('reply')).some((r) => r.recipient === from && r.status === 'failed'), 60_000, 200);
    await settle();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(stack.smtp.rejected.filter((r) => r.envelope.rcptTo.includes(from)).length, 1, 'one attempt only');
    assert.equal((await repliesTo(from)).length, 0);
    assert.ok((await app.store.incidents.open()).some((i) => i.kind === 'send_failed' && i.subject === from));
  });

  it('50 mails from one address in a minute → at most 5 replies, and the coordinator is told', async () => {
    const from = nextAddress();
    const content = await recommendationForm(UNIT, [activity(1)]);
    // Each body differs: identical ones would be answered once anyway (docs/trust.md, "No loops").
    for (let i = 0; i < 50; i++) await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表 ${i}`, messageId: `<flood-${i}@example.edu.cn>`, text: `推荐表第 ${i} 稿，请查收。`, attachments: [{ filename: '推荐表.xlsx', content }] }));
    await settle();
    assert.equal((await repliesTo(from)).length, 5);
    const notice = (await app.store.incidents.open()).find((i) => i.kind === 'rate_limited' && i.subject === from);
    assert.ok(notice, 'the coordinator hears of the flood');
  });

  /** A Postfix-style 5.1.1 report: the failed recipient and the returned original, as headers (RFC 6522) or whole. */
  const bounceOf = (opts: { id: string; recipient: string; original: string; whole?: boolean }) => Buffer.from([
    'From: Mail Delivery System <MAILER-DAEMON@example.edu.cn>',
    'To: mywu@bjtu.edu.cn',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <${opts.id}>`,
    'Date: Mon, 05 May 2025 10:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    `The mail to ${opts.recipient} could not be delivered.`,
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.edu.cn',
    '',
    `Final-Recipient: rfc822; ${opts.recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    '--b',
    `Content-Type: ${opts.whole ? 'message/rfc822' : 'text/rfc822-headers'}`,
    '',
    opts.original,
    '--b--',
    '',
  ].join('\r\n'));

  it('a reply the worker sent hard-bounces (5.1.1) → that address gets no more mail, and the coordinator is told', async () => {
    const from = nextAddress();
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<before-bounce@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1)]) }] }));
    await settle();
    const [reply] = await repliesTo(from);
    assert.ok(reply?.messageId, 'the worker answered once');
    // The bounce names the failed mail by the headers it returns: the worker's own reply.
    const returned = [`From: ${reply.from?.text ?? 'mywu@bjtu.edu.cn'}`, `To: ${from}`, `Subject: ${reply.subject ?? ''}`, `Message-ID: ${reply.messageId}`, ''].join('\r\n');
    await deliver(bounceOf({ id: 'bounce-5-1-1@example.edu.cn', recipient: from, original: returned }));
    await settle();
    assert.ok(await app.store.outbox.isSuppressed(from), 'the address is suppressed');
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<after-bounce@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(2)]) }] }));
    await settle();
    assert.equal((await repliesTo(from)).length, 1, 'nothing after the bounce');
    const incidents = await app.store.incidents.open();
    assert.ok(incidents.some((i) => i.kind === 'hard_bounce' && i.subject === from));
    assert.ok(incidents.some((i) => i.kind === 'reply_suppressed' && i.subject === from), 'the refused reply is shown too');
  });

  it('a bounce of the coordinator’s own mail changes nothing and is not kept, even to an address the worker writes to', async () => {
    const from = nextAddress();
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<private-bounce-unit@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1)]) }] }));
    await settle();
    assert.equal((await repliesTo(from)).length, 1);
    const incidentsBefore = (await app.store.incidents.open()).length;
    // Her own mail to that unit's contact (and one to a friend), returned whole: not the worker's.
    const herMail = (to: string, id: string) => ['From: 吴老师 <mywu@bjtu.edu.cn>', `To: ${to}`, 'Subject: 周五组会改到下午三点', `Message-ID: <${id}>`, 'Date: Mon, 05 May 2025 09:00:00 +0800', 'Content-Type: text/plain; charset=utf-8', '', '各位好，周五组会改到下午三点，地点不变。', ''].join('\r\n');
    await deliver(bounceOf({ id: 'private-bounce-1@example.edu.cn', recipient: from, original: herMail(from, 'her-own-1@bjtu.edu.cn'), whole: true }));
    await deliver(bounceOf({ id: 'private-bounce-2@example.edu.cn', recipient: 'old.friend@example.com', original: herMail('old.friend@example.com', 'her-own-2@bjtu.edu.cn') }));
    await settle();
    assert.equal(await app.store.outbox.isSuppressed(from), false, 'the unit is still written to');
    assert.equal(await app.store.outbox.isSuppressed('old.friend@example.com'), false);
    assert.equal((await app.store.incidents.open()).length, incidentsBefore, 'nothing for the coordinator');
    const left = await app.store.db.selectFrom('messages').selectAll().where('kind', '=', 'unrelated').where('kind_reason', 'like', '%did not write%').execute();
    assert.equal(left.length, 2, 'both bounces left alone');
    for (const r of left) {
      assert.equal(await app.blobs.has(r.raw_sha256), false, 'raw copy removed');
      assert.deepEqual([r.subject, r.from_address, r.parsed_json], [null, null, null]);
    }
    const { digest } = await app.digest.prepare(new Date());
    assert.ok(!digest.text.includes('old.friend@example.com'), 'not listed in 需要您处理');
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<private-bounce-unit-2@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(2)]) }] }));
    await settle();
    assert.equal((await repliesTo(from)).length, 2, 'the unit is answered as before');
  });

  it('a read receipt is kept only when it is of the worker’s reply; one of her own mail is left alone, whatever its subject', async () => {
    const from = nextAddress();
    await deliver(await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: '<receipt-unit@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(UNIT, [activity(1)]) }] }));
    await settle();
    const [reply] = await repliesTo(from);
    assert.ok(reply?.messageId);
    const receipt = (id: string, subject: string, original: string) => Buffer.from([
      `From: ${from}`, 'To: mywu@bjtu.edu.cn', `Subject: =?UTF-8?B?${Buffer.from(`已读: ${subject}`).toString('base64')}?=`, `Message-ID: <${id}>`,
      'Date: Mon, 05 May 2025 11:00:00 +0800', 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=disposition-notification; boundary="m"', '',
      '--m', 'Content-Type: text/plain', '', 'Your message was displayed.',
      '--m', 'Content-Type: message/disposition-notification', '', `Final-Recipient: rfc822; ${from}`, `Original-Message-ID: ${original}`, 'Disposition: manual-action/MDN-sent-manually; displayed',
      '--m--', '',
    ].join('\r\n'));
    const before = await app.store.db.selectFrom('messages').select('id').where('kind', '=', 'unrelated').where('kind_reason', 'like', '%did not write%').execute();
    await deliver(receipt('receipt-of-reply@example.edu.cn', reply.subject ?? '', reply.messageId));
    // Her own call notice to the unit: it carries the call's words, but it is not the worker's mail.
    await deliver(receipt('receipt-of-her-notice@example.edu.cn', '关于开展2025年科技活动周推荐表报送的通知', '<her-notice@bjtu.edu.cn>'));
    await settle();
    const kept = await app.store.db.selectFrom('messages').select(['kind']).where('message_id', '=', 'receipt-of-reply@example.edu.cn').executeTakeFirst();
    assert.equal(kept?.kind, 'auto_reply', 'the receipt of the worker’s reply is kept, never answered');
    assert.equal(await app.store.db.selectFrom('messages').select('id').where('message_id', '=', 'receipt-of-her-notice@example.edu.cn').executeTakeFirst(), undefined, 'her receipt is not kept by Message-ID');
    const left = await app.store.db.selectFrom('messages').selectAll().where('kind', '=', 'unrelated').where('kind_reason', 'like', '%did not write%').execute();
    assert.equal(left.length, before.length + 1);
    const hers = left.find((r) => !before.some((b) => b.id === r.id))!;
    assert.equal(await app.blobs.has(hers.raw_sha256), false, 'raw copy removed');
    assert.equal((await repliesTo(from)).length, 1, 'no answer to either receipt');
  });

  it('revalidate judges stored submissions again after a rule change, and sends nothing', async () => {
    const before = stack.smtp.messages.length;
    assert.deepEqual((await revalidate(app)).changed, [], 'the same rules give the same verdicts');
    // The coordinator narrows the activity window to end on 19 May: activities on 20 May fall outside it.
    const config = loadAppConfig(stack.env);
    const narrowed = { ...config, forms: { ...config.forms, context: { ...config.forms.context, activityWindow: { start: '2025-05-01', end: '2025-05-19' } } } };
    const second = await buildApp(narrowed, { logger: pino({ level: 'silent' }) });
    try {
      const summary = await revalidate(second);
      assert.ok(summary.changed.some((c) => c.from === 'accepted' && c.to === 'needs_correction'), 'accepted forms now need correction');
    } finally {
      await second.close();
    }
    await settle();
    assert.equal(stack.smtp.messages.length, before, 'nothing is sent');
  });
});
