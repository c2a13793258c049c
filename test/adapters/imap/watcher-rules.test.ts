/**
 * The watcher's pure rules: reconnect delays, when a stall is reported, which options are refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../../src/adapters/imap/backoff.js';
import { createStallWatch } from '../../../src/adapters/imap/stall-watch.js';
import { validateWatcherOptions } from '../../../src/adapters/imap/watcher-options.js';

const at = (s: number) => new Date(Date.UTC(2025, 4, 6, 0, 0, s));

void test('reconnect delays double from the first one up to the cap, with at most half of each left to chance', () => {
  const opts = { initialMs: 1_000, maxMs: 30_000 };
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, opts, () => 0.999999)), [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  assert.deepEqual([0, 1, 5].map((n) => backoffDelay(n, opts, () => 0)), [500, 1_000, 15_000]);
  assert.equal(backoffDelay(1_000, opts, () => 0.5), 22_500, 'a huge attempt count stays capped');
});

void test('the IMAP server is down for 20 minutes: one stall alarm after 15, none while it stays down, a new one after a recovery and a new outage', () => {
  const watch = createStallWatch(15 * 60_000, at(0));
  watch.failed(at(60), 'ECONNREFUSED');
  assert.equal(watch.check(at(14 * 60)), null);
  assert.deepEqual(watch.check(at(15 * 60)), { since: at(0).toISOString(), lastError: 'ECONNREFUSED' });
  assert.equal(watch.check(at(20 * 60)), null, 'reported once per episode');
  watch.succeeded(at(21 * 60));
  assert.equal(watch.check(at(22 * 60)), null);
  watch.failed(at(30 * 60), 'LOGIN failed');
  assert.deepEqual(watch.check(at(36 * 60 + 1)), { since: at(21 * 60).toISOString(), lastError: 'LOGIN failed' });
});

void test('options are defaulted, and a watcher that would mark nothing, mark with \\Seen, or lose its lock between renewals is refused at start', () => {
  const ok = validateWatcherOptions({ mode: 'idle' }, { keyword: '$InboxWorkerTaken' }, 30_000);
  assert.deepEqual({ ...ok, backoff: { ...ok.backoff } }, {
    mode: 'idle',
    pollIntervalMs: 30_000,
    batchSize: 50,
    stallAfterMs: 900_000,
    backoff: { initialMs: 1_000, maxMs: 60_000 },
    lockCheckMs: 10_000,
  });
  assert.ok(Object.isFrozen(ok));
  assert.throws(() => validateWatcherOptions({ mode: 'idle' }, {}, 30_000), /mark needs a keyword or a moveTo/);
  assert.throws(() => validateWatcherOptions({ mode: 'idle' }, { keyword: '\\Seen' }, 30_000), /not an IMAP keyword/);
  assert.throws(() => validateWatcherOptions({ mode: 'idle' }, { keyword: 'taken by worker' }, 30_000), /not an IMAP keyword/);
  assert.throws(() => validateWatcherOptions({ mode: 'idle', lockCheckMs: 30_000 }, { moveTo: 'Taken' }, 30_000), /shorter than the lock TTL/);
  assert.throws(() => validateWatcherOptions({ mode: 'poll', batchSize: 0 }, { moveTo: 'Taken' }, 30_000), /batchSize must be a positive integer/);
});
