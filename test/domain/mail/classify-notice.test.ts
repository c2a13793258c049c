import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyMessage } from '../../../src/domain/mail/classify.js';
import type { AttachmentInfo, ParsedMessage } from '../../../src/domain/mail/message.js';

const MAILBOX = 'keyan-submit@example.edu.cn';
const form: AttachmentInfo = { part: '2', filename: '推荐表.xlsx', declaredType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniffedType: 'zip', size: 9000, sha256: 'a'.repeat(64), nestedIn: null };

function message(overrides: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    messageId: 'm1@example.edu.cn', from: { address: 'unit@example.edu.cn', name: '某学院' }, replyTo: [], to: [{ address: MAILBOX, name: '' }], cc: [],
    subject: '推荐表报送', sentAt: null, receivedAt: null, inReplyTo: null, references: [], text: '', attachments: [], links: [],
    headers: {}, topContentType: 'text/plain', parseWarnings: [], ...overrides,
  };
}
const classify = (o: Partial<ParsedMessage>) => classifyMessage(message(o), { mailboxAddress: MAILBOX });

void test('a read receipt (RFC 8098 disposition notification) is machine mail, never a submission, even when its subject names the form', () => {
  const mdn = classify({ subject: '已读: 电气学院推荐表', topContentType: 'multipart/report', headers: { 'content-type': 'multipart/report; report-type=disposition-notification; boundary="b"' } });
  assert.deepEqual(mdn, { kind: 'auto_reply', reason: 'A read receipt (RFC 8098 disposition notification).', reportsOn: 'read_receipt' });
  for (const subject of ['已读: 推荐表', '已读回执：统计表', 'Read: 推荐表', 'Not read: 统计表']) assert.equal(classify({ subject }).kind, 'auto_reply', subject);
});

void test('a delivery-delay report is ignored like an auto-reply, not recorded as a bounce: nobody failed yet', () => {
  const delayed = classify({
    subject: 'Delivery Status Notification (Delay)', topContentType: 'multipart/report', headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' },
    deliveryStatus: 'Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@example.org\r\nAction: delayed\r\nStatus: 4.4.1\r\n',
  });
  assert.deepEqual(delayed, { kind: 'auto_reply', reason: 'A delivery-delay report (RFC 3464 Action: delayed): the mail is still being retried.', reportsOn: 'delay' });
  assert.equal(classify({ subject: '延迟投递: 推荐表' }).kind, 'auto_reply');
});

void test('a report where one recipient failed and another is delayed is still a bounce', () => {
  const mixed = classify({
    topContentType: 'multipart/report', headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' },
    deliveryStatus: 'Final-Recipient: rfc822; a@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\nFinal-Recipient: rfc822; b@example.org\r\nAction: delayed\r\nStatus: 4.4.1\r\n',
  });
  assert.equal(mixed.kind, 'bounce');
});

void test('an Outlook recall notice is machine mail; a mail that says 撤回 but carries the corrected form is a submission', () => {
  assert.deepEqual(classify({ subject: '撤回: 交运学院统计表' }), { kind: 'auto_reply', reason: 'Subject "撤回: 交运学院统计表" is a recall notice (Outlook).' });
  assert.equal(classify({ subject: 'Recall: 推荐表' }).kind, 'auto_reply');
  assert.equal(classify({ subject: '撤回：上一封有误，以此为准 推荐表', attachments: [form] }).kind, 'submission');
  assert.equal(classify({ subject: '已读：推荐表（修改版）', attachments: [form] }).kind, 'submission', 'a receipt-like subject with a form is a person');
});
