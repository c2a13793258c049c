import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageKind } from '../../../src/domain/mail/message.js';
import { addressToSuppress, decideReply, isHardBounce, refusalIncident, type ReplyPolicyContext } from '../../../src/domain/replies/reply-policy.js';

const NOW = '2025-05-05T08:00:00.000Z';
const minutesAgo = (m: number): string => new Date(Date.parse(NOW) - m * 60_000).toISOString();

function ctx(over: Partial<ReplyPolicyContext> = {}): ReplyPolicyContext {
  return {
    kind: 'submission',
    recipient: 'office@ee.example.edu',
    allowedSenderDomains: ['example.edu'],
    ownAddresses: ['inbox@example.edu'],
    held: false,
    suppressed: false,
    recentReplies: [],
    rateLimitNoticeAt: null,
    now: NOW,
    ...over,
  };
}

test('a submission from a unit inside the allowed domains is answered', () => {
  assert.deepEqual(decideReply(ctx()), { send: true });
});

test('machine mail is never answered, and bothers nobody', () => {
  for (const kind of ['bounce', 'auto_reply', 'list', 'own', 'unreadable'] as MessageKind[]) {
    assert.deepEqual(decideReply(ctx({ kind })), { send: false, reason: 'machine_mail', tellCoordinator: false }, kind);
  }
});

test('mail from our own mailbox is never answered, even if it looked like a submission (no loops)', () => {
  assert.deepEqual(decideReply(ctx({ recipient: 'Inbox@Example.edu' })), { send: false, reason: 'own_address', tellCoordinator: false });
});

test('a sender outside the allowed domains gets no reply; the coordinator is told', () => {
  assert.deepEqual(decideReply(ctx({ recipient: 'someone@evil.example.com' })), { send: false, reason: 'outside_domain', tellCoordinator: true });
  assert.deepEqual(decideReply(ctx({ recipient: '' })), { send: false, reason: 'outside_domain', tellCoordinator: true });
});

test('a held submission gets no reply: the coordinator decides', () => {
  assert.deepEqual(decideReply(ctx({ held: true })), { send: false, reason: 'held', tellCoordinator: true });
});

test('an address that hard-bounced is not mailed again; the coordinator is told', () => {
  assert.deepEqual(decideReply(ctx({ suppressed: true })), { send: false, reason: 'suppressed', tellCoordinator: true });
});

test('rate limit: the 5th reply within 10 minutes is sent, the 6th is not', () => {
  const four = [1, 2, 3, 4].map(minutesAgo);
  assert.deepEqual(decideReply(ctx({ recentReplies: four })), { send: true });
  const five = [...four, minutesAgo(5)];
  assert.deepEqual(decideReply(ctx({ recentReplies: five })), { send: false, reason: 'rate_limited', tellCoordinator: true });
});

test('rate limit: a reply exactly 10 minutes old no longer counts', () => {
  const five = [0.5, 1, 2, 3, 10].map(minutesAgo);
  assert.deepEqual(decideReply(ctx({ recentReplies: five })), { send: true });
  const stillInside = [0.5, 1, 2, 3, 9.99].map(minutesAgo);
  assert.equal(decideReply(ctx({ recentReplies: stillInside })).send, false);
});

test('rate limit: at most 20 replies a day to one recipient, spread out or not', () => {
  const hourly = (n: number) => Array.from({ length: n }, (_, i) => minutesAgo(30 + i * 60));
  assert.deepEqual(decideReply(ctx({ recentReplies: hourly(19) })), { send: true });
  assert.equal(decideReply(ctx({ recentReplies: hourly(20) })).send, false);
  const yesterday = [...hourly(19), minutesAgo(24 * 60)];
  assert.deepEqual(decideReply(ctx({ recentReplies: yesterday })), { send: true });
});

test('limits are configurable', () => {
  const limits = [{ max: 1, windowSeconds: 3600 }];
  assert.equal(decideReply(ctx({ recentReplies: [minutesAgo(59)], limits })).send, false);
  assert.equal(decideReply(ctx({ recentReplies: [minutesAgo(61)], limits })).send, true);
});

test('a unit stuck in a resend loop: the coordinator is told once per flood, not for every mail', () => {
  const five = [1, 2, 3, 4, 5].map(minutesAgo);
  assert.deepEqual(decideReply(ctx({ recentReplies: five, rateLimitNoticeAt: null })), { send: false, reason: 'rate_limited', tellCoordinator: true });
  assert.deepEqual(decideReply(ctx({ recentReplies: five, rateLimitNoticeAt: minutesAgo(0.5) })), { send: false, reason: 'rate_limited', tellCoordinator: false });
  // Replies resumed after an earlier notice, and the limit is hit again: a new flood, told again.
  assert.deepEqual(decideReply(ctx({ recentReplies: five, rateLimitNoticeAt: minutesAgo(60) })), { send: false, reason: 'rate_limited', tellCoordinator: true });
});

test('the most important reason wins: machine mail before domain, domain before held, held before suppression', () => {
  const m = decideReply(ctx({ kind: 'auto_reply', recipient: 'x@evil.example.com', held: true }));
  assert.equal(m.send === false ? m.reason : null, 'machine_mail');
  const d = decideReply(ctx({ recipient: 'x@evil.example.com', held: true, suppressed: true }));
  assert.equal(d.send === false ? d.reason : null, 'outside_domain');
  const h = decideReply(ctx({ held: true, suppressed: true }));
  assert.equal(h.send === false ? h.reason : null, 'held');
});

test('isHardBounce: 5.x.x is permanent, 4.x.x is not', () => {
  assert.equal(isHardBounce('5.1.1'), true);
  assert.equal(isHardBounce(' 5.7.1 '), true);
  assert.equal(isHardBounce('550'), true);
  assert.equal(isHardBounce('4.2.2'), false);
  assert.equal(isHardBounce('451'), false);
  assert.equal(isHardBounce('2.0.0'), false);
  assert.equal(isHardBounce('5.1'), false);
  assert.equal(isHardBounce(null), false);
  assert.equal(isHardBounce(''), false);
});

test('after a hard bounce the failed address is suppressed; a soft bounce suppresses nothing', () => {
  assert.equal(addressToSuppress({ recipient: 'Gone@EE.example.edu', status: '5.1.1', permanent: true }), 'gone@ee.example.edu');
  assert.equal(addressToSuppress({ recipient: 'gone@ee.example.edu', status: '5.2.2', permanent: false }), 'gone@ee.example.edu');
  assert.equal(addressToSuppress({ recipient: 'full@ee.example.edu', status: '4.2.2', permanent: false }), null);
  assert.equal(addressToSuppress({ recipient: null, status: '5.1.1', permanent: true }), null);
  assert.equal(addressToSuppress(undefined), null);
});

test('a refusal the coordinator hears of is recorded under its own kind, with the reason in Chinese', () => {
  assert.deepEqual(refusalIncident('suppressed'), { kind: 'reply_suppressed', reason: '该地址此前退信' });
  assert.deepEqual(refusalIncident('rate_limited'), { kind: 'rate_limited', reason: '对该地址的回复已达上限' });
  assert.equal(refusalIncident('outside_domain').kind, 'reply_refused');
});
