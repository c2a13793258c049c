import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeDigest } from '../../../src/domain/digest/index.js';
import type { ReplyMode } from '../../../src/domain/campaign/campaign-schema.js';
import { seededInput } from './seed.js';

const withMode = (mode: ReplyMode, extra: object = {}) => {
  const input = seededInput();
  return composeDigest({ ...input, campaign: { ...input.campaign, replies: { mode } }, ...extra });
};

describe('the digest says how replies leave', () => {
  it('draft mode: the replies wait in Drafts, and she reads how many are still there', () => {
    const d = withMode('draft', { draftsWaiting: 12 });
    assert.match(d.text, /【回复方式】草稿模式：.*写入邮箱的“草稿箱”.*草稿箱中有 12 封回信待您检查后发送。/);
    assert.match(d.html, /草稿箱中有 12 封回信待您检查后发送/);
    assert.match(withMode('draft', { draftsWaiting: 0 }).text, /草稿箱中没有待您发送的回信/);
    assert.match(withMode('draft', { draftsWaiting: null }).text, /未能读取草稿箱/);
  });

  it('send mode: drafts written before the switch are hers, the worker says it will not send them', () => {
    assert.match(withMode('send', { draftsWaiting: 0 }).text, /【回复方式】自动发送：[^\n]*直接发给各单位。\n/);
    assert.match(withMode('send', { draftsWaiting: 3 }).text, /草稿箱中还有 3 封以前写下的回信草稿，程序不会代发/);
  });

  it('off: judged and reported only', () => {
    assert.match(withMode('off').text, /【回复方式】只检查不回复/);
  });

  it('reminders in draft mode are titled as waiting in Drafts, not as sent', () => {
    const input = seededInput();
    const reminders = [{ unit: '土木建筑工程学院', deliverable: 'report' as const }];
    assert.match(withMode('draft', { remindersSentToday: reminders }).text, /【今日提醒（已写入草稿箱）】1 个单位/);
    assert.match(composeDigest({ ...input, campaign: { ...input.campaign, replies: { mode: 'send' } }, remindersSentToday: reminders }).text, /【今日已发提醒】1 个单位/);
  });

  it('an address learned since the last digest is shown once, with the unit it now belongs to', () => {
    const d = withMode('draft', { learnedAddresses: [{ address: 'li@example.edu', unit: '交通运输学院', learnedAt: '2025-05-07T08:00:00Z' }] });
    assert.match(d.text, /【新记住的发件邮箱】1 个\nli@example\.edu → 交通运输学院（您已将该邮箱的来信归到这个单位，今后自动识别）/);
    assert.match(d.html, /新记住的发件邮箱（1 个）/);
    assert.doesNotMatch(withMode('draft').text, /新记住/);
  });
});
