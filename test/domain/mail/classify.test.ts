import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyMessage } from '../../../src/domain/mail/classify.js';
import type { ParsedMessage } from '../../../src/domain/mail/message.js';

const MAILBOX = 'keyan-submit@example.edu.cn';

function message(overrides: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    messageId: 'm1@example.edu.cn', from: { address: 'unit@example.edu.cn', name: '某学院' }, replyTo: [], to: [{ address: MAILBOX, name: '' }], cc: [],
    subject: '推荐表报送', sentAt: null, receivedAt: null, inReplyTo: null, references: [], text: '见附件', attachments: [], links: [],
    headers: {}, topContentType: 'multipart/mixed', parseWarnings: [], ...overrides,
  };
}
const kind = (overrides: Partial<ParsedMessage>): string => classifyMessage(message(overrides), { mailboxAddress: MAILBOX }).kind;

void test('an ordinary unit mail is a submission', () => {
  assert.deepEqual(classifyMessage(message(), { mailboxAddress: MAILBOX }), { kind: 'submission', reason: 'Written by a person: no sign of machine mail.' });
});

void test('our own mail is never answered, even when it also looks like an auto-reply or comes from our address', () => {
  assert.equal(kind({ headers: { 'x-inbox-worker': 'digest', 'auto-submitted': 'auto-generated' } }), 'own');
  assert.equal(kind({ from: { address: MAILBOX, name: '' } }), 'own');
});

void test('a bounce is recognised from a DSN, X-Failed-Recipients, an empty Return-Path from MAILER-DAEMON, or its subject', () => {
  const dsn = classifyMessage(message({
    topContentType: 'multipart/report', headers: { 'content-type': 'multipart/report; report-type="delivery-status"; boundary=x' },
    deliveryStatus: 'Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; Gone@Example.org\r\nAction: failed\r\nStatus: 4.4.7\r\n',
  }), { mailboxAddress: MAILBOX });
  assert.deepEqual(dsn.bounce, { recipient: 'gone@example.org', status: '4.4.7', permanent: false, originalMessageIds: [] }, 'a failure with a 4.x.x status is not permanent');
  assert.deepEqual(classifyMessage(message({ headers: { 'x-failed-recipients': 'a@example.org' }, text: '550 rejected' }), { mailboxAddress: MAILBOX }).bounce,
    { recipient: 'a@example.org', status: null, permanent: true, originalMessageIds: [] });
  assert.equal(kind({ headers: { 'return-path': '<>' }, from: { address: 'postmaster@example.org', name: '' }, subject: '通知' }), 'bounce');
  assert.equal(kind({ headers: { 'return-path': '<>' }, from: { address: 'x@example.org', name: 'Mail Delivery System' }, subject: 'x' }), 'bounce');
  for (const subject of ['Undeliverable: 回执', 'Delivery Status Notification (Failure)', '退信：回执', '邮件投递失败', '系统退信']) {
    assert.equal(kind({ subject }), 'bounce', subject);
  }
});

void test('auto-replies are recognised by RFC 3834 headers, vendor headers, Precedence and prefixed subjects', () => {
  assert.equal(kind({ headers: { 'auto-submitted': 'auto-generated' } }), 'auto_reply');
  assert.equal(kind({ headers: { 'auto-submitted': 'no' } }), 'submission', 'Auto-Submitted: no is a person');
  assert.equal(kind({ headers: { 'x-autoreply': 'yes' } }), 'auto_reply');
  assert.equal(kind({ headers: { 'x-autorespond': 'x' } }), 'auto_reply');
  for (const p of ['bulk', 'junk', 'auto_reply']) assert.equal(kind({ headers: { precedence: p } }), 'auto_reply', p);
  for (const subject of ['自动回复: Re: 关于报送的通知', '自动答复：推荐表', 'Automatic reply: 回执', 'Auto Reply: x', 'Out of Office: x', '【自动回复】回执', '外出：5月12日返回', '不在办公室: x']) {
    assert.equal(kind({ subject }), 'auto_reply', subject);
  }
  const oof = classifyMessage(message({ subject: '自动回复: 回执', headers: { 'x-auto-response-suppress': 'All' } }), { mailboxAddress: MAILBOX });
  assert.match(oof.reason, /X-Auto-Response-Suppress: All/);
});

void test('a unit subject that merely mentions 休假 or 外出 is still a submission', () => {
  assert.equal(kind({ subject: '休假期间活动统计表' }), 'submission');
  assert.equal(kind({ subject: '外出调研活动推荐表' }), 'submission');
});

void test('list mail is recognised by List-Id, List-Unsubscribe or Precedence: list', () => {
  assert.equal(kind({ headers: { 'list-id': '<news.example.edu.cn>' } }), 'list');
  assert.equal(kind({ headers: { 'list-unsubscribe': '<mailto:u@example.edu.cn>' } }), 'list');
  assert.equal(kind({ headers: { precedence: 'list' } }), 'list');
});
