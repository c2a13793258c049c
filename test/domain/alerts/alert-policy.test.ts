/** When an operator is mailed: once per condition, a recovery only after an alert, never twice an hour. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeAlert, composeRecovery, decideCondition, decideEvent, type AlertHistory } from '../../../src/domain/alerts/index.js';

const none: AlertHistory = { lastAlertAt: null, unrecovered: null };
const stall = { since: '2025-05-07T02:00:00.000Z', detail: 'connect ECONNREFUSED' };
const at = (min: number) => new Date(Date.parse('2025-05-07T02:15:00.000Z') + min * 60_000).toISOString();

describe('alert policy', () => {
  it('a stall nobody was told of → one alert keyed by its start', () => {
    const d = decideCondition('intake_stalled', stall, none, at(0));
    assert.deepEqual(d, { action: 'alert', kind: 'intake_stalled', key: `intake_stalled.${stall.since}`, since: stall.since, detail: stall.detail });
  });

  it('the same stall reported again → nothing: the operators were told', () => {
    const told: AlertHistory = { lastAlertAt: at(0), unrecovered: { key: `intake_stalled.${stall.since}`, since: stall.since, sent: true } };
    assert.deepEqual(decideCondition('intake_stalled', stall, told, at(5)), { action: 'none', reason: 'already_told' });
  });

  it('cleared after an alert that went out → one recovery mail; cleared with nothing told → nothing', () => {
    const told: AlertHistory = { lastAlertAt: at(0), unrecovered: { key: 'k', since: stall.since, sent: true } };
    assert.deepEqual(decideCondition('intake_stalled', null, told, at(10)), { action: 'recovery', kind: 'intake_stalled', alertKey: 'k', key: 'k.recovered', since: stall.since });
    assert.deepEqual(decideCondition('intake_stalled', null, none, at(10)), { action: 'none', reason: 'nothing_to_recover' });
  });

  it('cleared before its alert could be sent (SMTP was down) → the alert is withdrawn, no recovery', () => {
    const unsent: AlertHistory = { lastAlertAt: at(0), unrecovered: { key: 'k', since: stall.since, sent: false } };
    assert.deepEqual(decideCondition('smtp_auth', null, unsent, at(3)), { action: 'withdraw', kind: 'smtp_auth', alertKey: 'k' });
  });

  it('a new stall within the hour of the last alert waits; after the hour it is mailed', () => {
    const recent: AlertHistory = { lastAlertAt: at(0), unrecovered: null };
    const again = { since: at(20), detail: 'timeout' };
    assert.deepEqual(decideCondition('intake_stalled', again, recent, at(30)), { action: 'none', reason: 'within_the_hour' });
    assert.equal(decideCondition('intake_stalled', again, recent, at(61)).action, 'alert');
  });

  it('a stall while the IMAP login is refused is explained by the login alert', () => {
    assert.deepEqual(decideCondition('intake_stalled', stall, none, at(0), new Set(['imap_auth'])), { action: 'none', reason: 'explained' });
  });

  it('events: one alert, then none for an hour whatever the number of failures', () => {
    const first = decideEvent('job_failed', { at: at(0), subject: 'ingest/ingest-1', detail: 'boom' }, none, at(0));
    assert.equal(first.action, 'alert');
    const after = { lastAlertAt: at(0), unrecovered: null };
    assert.equal(decideEvent('job_failed', { at: at(5), subject: 'ingest/ingest-2', detail: 'boom' }, after, at(5)).action, 'none');
    assert.equal(decideEvent('job_failed', { at: at(61), subject: 'ingest/ingest-3', detail: 'boom' }, after, at(61)).action, 'alert');
  });
});

describe('alert mails', () => {
  const ctx = { campaign: '科技活动周材料收集', mailbox: 'mywu@bjtu.edu.cn', stallMinutes: 15 };
  it('say in Chinese what stopped, since when (Beijing time) and what to do', () => {
    const m = composeAlert('intake_stalled', stall, ctx);
    assert.equal(m.subject, '【告警】收件中断（科技活动周材料收集）');
    assert.match(m.text, /超过 15 分钟没有成功收取邮箱 mywu@bjtu\.edu\.cn/);
    assert.match(m.text, /开始时间：2025-05-07 10:00（北京时间）/);
    assert.match(m.text, /错误信息：connect ECONNREFUSED/);
    assert.match(m.text, /处理建议：/);
  });
  it('a recovery says when it began and when it ended', () => {
    const m = composeRecovery('imap_auth', { since: stall.since, recoveredAt: '2025-05-07T03:30:00.000Z' }, ctx);
    assert.equal(m.subject, '【已恢复】邮箱登录失败（IMAP）（科技活动周材料收集）');
    assert.match(m.text, /恢复时间：2025-05-07 11:30/);
  });
});
