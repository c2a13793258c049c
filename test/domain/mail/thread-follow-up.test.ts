/** No loops (docs/trust.md): a reply in our thread that brings nothing is never answered; a question reaches the coordinator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyMessage } from '../../../src/domain/mail/classify.js';
import type { AttachmentInfo, ParsedMessage } from '../../../src/domain/mail/message.js';
import { asksSomething, ownText } from '../../../src/domain/mail/thread-follow-up.js';
import { decideReply, repeatsAnsweredMail } from '../../../src/domain/replies/index.js';

const MAILBOX = 'mywu@bjtu.edu.cn';
const file: AttachmentInfo = { part: '2', filename: '推荐表.xlsx', declaredType: 'application/octet-stream', sniffedType: 'xlsx', size: 9000, sha256: 'a'.repeat(64), nestedIn: null };
function message(overrides: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    messageId: 'm1@bjtu.edu.cn', from: { address: 'unit@bjtu.edu.cn', name: '' }, replyTo: [], to: [{ address: MAILBOX, name: '' }], cc: [],
    subject: 'Re: 【回执】电子信息工程学院 推荐表 已收到 [R-ABC123]', sentAt: null, receivedAt: null, inReplyTo: null, references: [],
    text: '您好，您的邮件已收到，我会尽快处理。', attachments: [], links: [], headers: {}, topContentType: 'text/plain', parseWarnings: [], ...overrides,
  };
}

void test('a naive auto-responder answering our 回执 (no Auto-Submitted, no file) is a follow-up: not answered, not a question', () => {
  const verdict = classifyMessage(message(), { mailboxAddress: MAILBOX });
  assert.equal(verdict.kind, 'follow_up');
  assert.equal(verdict.question, undefined);
});

void test('the thread is ours by our Message-ID in In-Reply-To/References even when the subject was rewritten', () => {
  const m = message({ subject: 'Re: 收到', inReplyTo: 'reply.abc@bjtu.edu.cn' });
  assert.equal(classifyMessage(m, { mailboxAddress: MAILBOX, referencesOurMail: true }).kind, 'follow_up');
  assert.equal(classifyMessage(m, { mailboxAddress: MAILBOX, referencesOurMail: false }).kind, 'submission', 'not our thread: judged as usual');
});

void test('a reply in our thread that brings the corrected form, or a link to the photos, is a submission', () => {
  assert.equal(classifyMessage(message({ subject: 'Re: 【修改通知】电子信息工程学院 推荐表 需修改 [R-ABC123]', attachments: [file] }), { mailboxAddress: MAILBOX }).kind, 'submission');
  assert.equal(classifyMessage(message({ links: [{ url: 'https://pan.baidu.com/s/1x', kind: 'cloud_drive', provider: 'baidu', label: null }] }), { mailboxAddress: MAILBOX }).kind, 'submission');
});

void test('a reply in our thread whose files were all exchanged with the sender before is a follow-up; one new file makes it a submission', () => {
  const other: AttachmentInfo = { ...file, part: '3', filename: '外出说明.pdf', sniffedType: 'pdf', sha256: 'b'.repeat(64) };
  const m = message({ attachments: [file, other] });
  const both = classifyMessage(m, { mailboxAddress: MAILBOX, exchangedFiles: new Set([file.sha256, other.sha256]) });
  assert.equal(both.kind, 'follow_up');
  assert.match(both.reason, /exchanged with the sender before/);
  assert.equal(classifyMessage(m, { mailboxAddress: MAILBOX, exchangedFiles: new Set([file.sha256]) }).kind, 'submission');
  const outside = message({ subject: '电子信息工程学院 推荐表', attachments: [file] });
  assert.equal(classifyMessage(outside, { mailboxAddress: MAILBOX, exchangedFiles: new Set([file.sha256]) }).kind, 'submission', 'not in our thread: judged as usual, known files or not');
});

void test('a person who asks something in the thread is put on the coordinator list with their own words, not the quote', () => {
  const text = '老师您好，请问活动地点可以填线上平台吗？\n\n------------------ 原始邮件 ------------------\n发件人: 科研院\n【回执】已收到';
  const verdict = classifyMessage(message({ text }), { mailboxAddress: MAILBOX });
  assert.equal(verdict.kind, 'follow_up');
  assert.equal(verdict.question, '老师您好，请问活动地点可以填线上平台吗？');
});

void test('the question rule reads only the sender\'s own text: a ? in the quoted mail does not count', () => {
  assert.equal(asksSomething('好的，收到。\n\n> 是否需要补充材料？'), false);
  assert.equal(asksSomething('收到，谢谢！\n在 2025年5月3日 10:00，科研院 写道：\n请问……？'), false);
  assert.equal(asksSomething('截止日期是哪天'), true);
  assert.equal(asksSomething('表格需要盖章吗'), true);
  assert.equal(asksSomething('Is the deadline Friday?'), true);
  assert.equal(ownText('谢谢\n-----Original Message-----\nFrom: x'), '谢谢');
});

void test('identical body and files from one sender are answered once; the corrected form with the same words is answered again', () => {
  const first = message({ subject: '推荐表', attachments: [file] });
  assert.equal(repeatsAnsweredMail(message({ subject: '推荐表（再发）', attachments: [file] }), [first]), true);
  assert.equal(repeatsAnsweredMail(message({ attachments: [{ ...file, sha256: 'b'.repeat(64) }] }), [first]), false);
  assert.equal(repeatsAnsweredMail(message({ text: '您好，您的邮件已收到，\n我会尽快处理。  ', attachments: [file] }), [first]), true, 'white space does not make a body new');
  const base = { kind: 'submission' as const, recipient: 'unit@bjtu.edu.cn', allowedSenderDomains: ['bjtu.edu.cn'], ownAddresses: [MAILBOX], held: false, suppressed: false, recentReplies: [], rateLimitNoticeAt: null, now: '2025-05-03T02:00:00Z' };
  assert.deepEqual(decideReply({ ...base, repeatsAnsweredMail: true }), { send: false, reason: 'repeated', tellCoordinator: false });
  assert.deepEqual(decideReply(base), { send: true });
});
