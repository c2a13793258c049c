import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeDigest } from '../../../src/domain/digest/index.js';
import { seededInput } from './seed.js';

/** Recommendation due 2025-05-06 (through 23:59:59 +08:00). */
function countdownAt(iso: string): [number, string] {
  const f = composeDigest({ ...seededInput(), now: new Date(iso) }).figures[0];
  assert.ok(f);
  return [f.daysLeft, f.countdown];
}

describe('the countdown follows the Shanghai calendar across the deadline', () => {
  it('counts calendar days in Asia/Shanghai, not UTC', () => {
    assert.deepEqual(countdownAt('2025-05-02T16:00:00Z'), [3, '还剩 3 天']); // 05-03 00:00 Shanghai
    assert.deepEqual(countdownAt('2025-05-05T15:59:59Z'), [1, '还剩 1 天']); // 05-05 23:59:59
    assert.deepEqual(countdownAt('2025-05-05T16:00:00Z'), [0, '今天截止']); // 05-06 00:00
    assert.deepEqual(countdownAt('2025-05-06T15:59:59Z'), [0, '今天截止']); // 05-06 23:59:59: still on time
    assert.deepEqual(countdownAt('2025-05-06T16:00:00Z'), [-1, '已截止 1 天']); // 05-07 00:00
    assert.deepEqual(countdownAt('2025-05-16T02:00:00Z'), [-10, '已截止 10 天']);
  });

  it('a missing deliverable is marked overdue only once its due day has ended in Shanghai', () => {
    const overdue = (iso: string) => composeDigest({ ...seededInput(), now: new Date(iso) }).board.find((r) => r.unit === '环境学院')?.cells[0]?.overdue;
    assert.equal(overdue('2025-05-06T15:59:59Z'), false);
    assert.equal(overdue('2025-05-06T16:00:00Z'), true);
  });
});
