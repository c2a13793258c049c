/**
 * The watcher when things go wrong: several workers on one mailbox, a worker that dies, an IMAP
 * server that goes away and comes back, an outage long enough to call a stall. Real Dovecot
 * (this file's own, since it is stopped and restarted) and real Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisLock } from '../../../src/adapters/redis/redis-lock.js';
import { createMailboxWatcher, type MailboxWatcher } from '../../../src/adapters/imap/mailbox-watcher.js';
import type { WatcherOptions } from '../../../src/adapters/imap/watcher-options.js';
import type { StallInfo } from '../../../src/adapters/imap/stall-watch.js';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { uniquePrefix, useRedis, type TestRedis } from '../../harness/redis.js';
import { arraySink, capturedLogger, memoryStateStore, submission, waitUntil } from './fakes.js';

const KEYWORD = '$InboxWorkerTaken';
const USER = 'mywu@test.local';

let dovecot: DovecotServer;
let redisServer: TestRedis;
let redis: Redis;
const running: MailboxWatcher[] = [];

before(async () => {
  dovecot = await startDovecot({ users: [{ user: USER, pass: 'intake-pass' }] });
  redisServer = await useRedis();
  redis = new Redis(redisServer.url);
});

after(async () => {
  await Promise.all(running.map((w) => w.stop()));
  redis.disconnect();
  await redisServer.stop();
  await dovecot.stop();
});

function watch(folder: string, lockKey: string, extra: { options?: Partial<WatcherOptions>; lockRedis?: Redis; onStall?: (i: StallInfo) => Promise<void> } = {}) {
  const log = capturedLogger();
  const state = memoryStateStore();
  const sink = arraySink();
  const lock = createRedisLock({ redis: extra.lockRedis ?? redis, key: lockKey, ttlMs: 1_200, logger: log.logger });
  const watcher = createMailboxWatcher({
    imap: dovecot.imapEnv(USER),
    folder,
    mark: { keyword: KEYWORD },
    state,
    sink,
    lock,
    logger: log.logger,
    onStall: extra.onStall ?? (async () => undefined),
    options: { mode: 'idle', pollIntervalMs: 500, backoff: { initialMs: 100, maxMs: 300 }, lockCheckMs: 300, ...extra.options },
  });
  running.push(watcher);
  return { watcher, state, sink, lock, log };
}

void describe('the mailbox watcher when things go wrong', () => {
  void test('two workers watch one mailbox: only the lock holder takes mail, each mail exactly once', async () => {
    const folder = 'Shared';
    await dovecot.createFolder(USER, folder);
    const key = uniquePrefix('shared-lock');
    const a = watch(folder, key);
    const b = watch(folder, key);
    await a.watcher.start();
    await b.watcher.start();
    for (let i = 1; i <= 4; i++) await dovecot.append(USER, folder, submission(`s${i}`));
    await waitUntil(() => a.sink.taken.length + b.sink.taken.length === 4, 10_000, 'four taken');
    await new Promise((r) => setTimeout(r, 800)); // give the standby its chances to misbehave
    const counts = [a.sink.taken.length, b.sink.taken.length].sort();
    assert.deepEqual(counts, [0, 4], 'one worker took everything, the other none');
    assert.equal([a.lock.held(), b.lock.held()].filter(Boolean).length, 1);
    await assert.rejects((a.lock.held() ? b : a).watcher.runRoundNow(), /another process holds/);

    // The holder shuts down (deploy): it releases the lock and the standby carries on.
    const [holder, standby] = a.lock.held() ? [a, b] : [b, a];
    await holder.watcher.stop();
    await dovecot.append(USER, folder, submission('s5'));
    await waitUntil(() => standby.sink.taken.length === 1, 5_000, 'the standby takes over');
    assert.equal(standby.sink.taken[0]?.messageIdHeader, '<s5@me.school.example>');
    await standby.watcher.stop();
  });

  void test('the holder loses Redis (a crashed worker stops renewing): it stops intake, the lease expires and the standby takes over', async () => {
    const folder = 'Crash';
    await dovecot.createFolder(USER, folder);
    const key = uniquePrefix('crash-lock');
    const doomedRedis = new Redis(redisServer.url);
    const a = watch(folder, key, { lockRedis: doomedRedis });
    await a.watcher.start();
    await waitUntil(() => a.lock.held(), 5_000, 'a holds the lock');
    const b = watch(folder, key);
    await b.watcher.start();

    doomedRedis.disconnect(); // a can no longer renew; its lease runs out after the TTL
    const cut = Date.now();
    await waitUntil(() => !a.lock.held(), 3_000, 'a notices it lost the lock');
    await waitUntil(() => b.lock.held(), 5_000, 'b takes the lock');
    assert.ok(Date.now() - cut < 4_000);
    await dovecot.append(USER, folder, submission('c1'));
    await waitUntil(() => b.sink.taken.length === 1, 5_000, 'b takes the new mail');
    assert.equal(a.sink.taken.length, 0, 'the worker without the lock took nothing');
    assert.equal(await redis.get(key) !== null, true);
    await a.watcher.stop();
    await b.watcher.stop();
    assert.equal(await redis.get(key), null, 'a clean stop frees the lease');
  });

  void test('Dovecot restarts mid-run: the watcher reconnects by itself and goes on taking mail', async () => {
    const folder = 'Restart';
    await dovecot.createFolder(USER, folder);
    const { watcher, sink, state } = watch(folder, uniquePrefix('restart-lock'));
    await watcher.start();
    await dovecot.append(USER, folder, submission('x1'));
    await waitUntil(() => sink.taken.length === 1, 5_000, 'first mail');
    await dovecot.halt();
    await waitUntil(() => state.rounds.some((r) => !r.ok), 5_000, 'a failed round is recorded');
    await dovecot.resume();
    await dovecot.append(USER, folder, submission('x2'));
    await waitUntil(() => sink.taken.length === 2, 10_000, 'the mail after the restart');
    assert.equal(sink.taken[1]?.messageIdHeader, '<x2@me.school.example>');
    assert.ok(state.rounds.at(-1)?.ok);
    await watcher.stop();
  });

  void test('the server stays down longer than stallAfterMs: onStall is called once, and again for a new stall after recovery', async () => {
    const folder = 'Stall';
    await dovecot.createFolder(USER, folder);
    const stalls: StallInfo[] = [];
    const { watcher, state, log } = watch(folder, uniquePrefix('stall-lock'), {
      options: { stallAfterMs: 700, pollIntervalMs: 200 },
      onStall: async (info) => void stalls.push(info),
    });
    await watcher.start();
    await waitUntil(() => state.rounds.some((r) => r.ok), 5_000, 'a good round');
    await dovecot.halt();
    await waitUntil(() => stalls.length === 1, 5_000, 'the stall is reported');
    await new Promise((r) => setTimeout(r, 1_500)); // still down: no second alarm
    assert.equal(stalls.length, 1);
    assert.ok(stalls[0]?.lastError, 'the alarm says what failed');
    assert.ok(log.lines.some((l) => l.level === 40 && l.msg.includes('stalled')));

    await dovecot.resume();
    const roundsBefore = state.rounds.length;
    await waitUntil(() => state.rounds.slice(roundsBefore).some((r) => r.ok), 5_000, 'recovered');
    await dovecot.halt();
    await waitUntil(() => stalls.length === 2, 5_000, 'a new stall is a new alarm');
    assert.ok(Date.parse(stalls[1]!.since) > Date.parse(stalls[0]!.since));
    await dovecot.resume();
    await watcher.stop();
  });

  void test('in poll mode the watcher finds new mail on its timer alone', async () => {
    const folder = 'Polled';
    await dovecot.createFolder(USER, folder);
    const { watcher, sink, state } = watch(folder, uniquePrefix('poll-lock'), { options: { mode: 'poll', pollIntervalMs: 400 } });
    await watcher.start();
    await waitUntil(() => state.rounds.length >= 1, 5_000, 'first round');
    await dovecot.append(USER, folder, submission('poll1'));
    await waitUntil(() => sink.taken.length === 1, 3_000, 'taken by a timed round');
    const rounds = state.rounds.length;
    await new Promise((r) => setTimeout(r, 1_000));
    assert.ok(state.rounds.length - rounds >= 2, 'the timer keeps running rounds');
    await watcher.stop();
  });
});

void describe('a server without IDLE', () => {
  let plain: DovecotServer;
  before(async () => {
    plain = await startDovecot({ users: [{ user: USER, pass: 'intake-pass' }], capabilities: 'IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS MOVE NAMESPACE' });
  });
  after(async () => plain.stop());

  void test('the watcher asked to idle falls back to polling and still takes the mail', async () => {
    const log = capturedLogger();
    const sink = arraySink();
    const state = memoryStateStore();
    const watcher = createMailboxWatcher({
      imap: plain.imapEnv(USER),
      folder: 'INBOX',
      mark: { keyword: KEYWORD },
      state,
      sink,
      lock: createRedisLock({ redis, key: uniquePrefix('no-idle'), ttlMs: 1_200, logger: log.logger }),
      logger: log.logger,
      onStall: async () => undefined,
      options: { mode: 'idle', pollIntervalMs: 300, backoff: { initialMs: 100, maxMs: 300 }, lockCheckMs: 300 },
    });
    running.push(watcher);
    await watcher.start();
    await waitUntil(() => state.rounds.length >= 1, 5_000, 'first round');
    await plain.append(USER, 'INBOX', submission('noidle1'));
    await waitUntil(() => sink.taken.length === 1, 3_000, 'taken by polling');
    assert.ok(log.lines.some((l) => l.msg.includes('does not offer IDLE')));
    assert.ok(log.lines.some((l) => l.msg === 'connected to IMAP' && l.mode === 'poll'));
    await watcher.stop();
  });
});
