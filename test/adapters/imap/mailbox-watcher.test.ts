/**
 * The mailbox watcher against a real Dovecot and a real Redis. Each test has its own folder and
 * lock key; timings are short so the file runs in well under a minute.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisLock } from '../../../src/adapters/redis/redis-lock.js';
import { createMailboxWatcher, type MailboxWatcher } from '../../../src/adapters/imap/mailbox-watcher.js';
import type { WatcherOptions } from '../../../src/adapters/imap/watcher-options.js';
import type { MarkOptions } from '../../../src/adapters/imap/types.js';
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
const extraRedis: Redis[] = [];

before(async () => {
  dovecot = await startDovecot({ users: [{ user: USER, pass: 'intake-pass' }] });
  redisServer = await useRedis();
  redis = new Redis(redisServer.url);
});

after(async () => {
  await Promise.all(running.map((w) => w.stop()));
  for (const r of extraRedis) r.disconnect();
  redis.disconnect();
  await redisServer.stop();
  await dovecot.stop();
});

interface Setup {
  folder: string;
  mark?: MarkOptions;
  options?: Partial<WatcherOptions>;
  lockKey?: string;
  lockRedis?: Redis;
  onStall?: (info: StallInfo) => Promise<void>;
}

function watch({ folder, mark = { keyword: KEYWORD }, options = {}, lockKey = uniquePrefix(folder), lockRedis = redis, onStall = async () => undefined }: Setup) {
  const log = capturedLogger();
  const state = memoryStateStore();
  const sink = arraySink();
  const lock = createRedisLock({ redis: lockRedis, key: lockKey, ttlMs: 1_500, logger: log.logger });
  const watcher = createMailboxWatcher({
    imap: dovecot.imapEnv(USER),
    folder,
    mark,
    state,
    sink,
    lock,
    logger: log.logger,
    onStall,
    options: { mode: 'idle', pollIntervalMs: 60_000, backoff: { initialMs: 100, maxMs: 400 }, lockCheckMs: 300, ...options },
  });
  running.push(watcher);
  return { watcher, state, sink, lock, log, lockKey };
}

async function flagsOf(folder: string): Promise<Map<number, string[]>> {
  return dovecot.withClient(USER, async (c) => {
    await c.mailboxOpen(folder);
    const out = new Map<number, string[]>();
    if (!c.mailbox || c.mailbox.exists === 0) return out;
    for await (const m of c.fetch('1:*', { uid: true, flags: true })) out.set(m.uid, [...(m.flags ?? [])].filter((f) => f !== '\\Recent'));
    return out;
  });
}

void describe('the mailbox watcher', () => {
  void test('units send three mails: each is taken once, in UID order, whole, and marked with the keyword (never \\Seen)', async () => {
    const folder = 'Plain';
    await dovecot.createFolder(USER, folder);
    const raws = ['p1', 'p2', 'p3'].map((id) => submission(id));
    for (const raw of raws) await dovecot.append(USER, folder, raw);
    const { watcher, sink, state } = watch({ folder });
    await watcher.start();
    await waitUntil(() => sink.taken.length === 3, 10_000, 'three messages taken');
    assert.deepEqual(sink.taken.map((t) => t.uid), [1, 2, 3]);
    assert.deepEqual(sink.taken.map((t) => t.raw.toString()), raws);
    assert.deepEqual(sink.taken.map((t) => t.messageIdHeader), ['<p1@me.school.example>', '<p2@me.school.example>', '<p3@me.school.example>']);
    assert.equal(sink.taken[0]?.size, Buffer.byteLength(raws[0]!));
    assert.match(sink.taken[0]?.internalDate ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(sink.taken[0]?.mailbox, folder);

    assert.equal(await watcher.runRoundNow(), 0, 'a second round takes nothing');
    assert.equal(sink.taken.length, 3);
    for (const flags of (await flagsOf(folder)).values()) assert.deepEqual(flags, [KEYWORD]);
    const saved = state.states.get(folder);
    assert.equal(saved?.lastUid, 3);
    assert.match(saved?.uidValidity ?? '', /^\d+$/);
    assert.ok(state.rounds.length >= 2 && state.rounds.every((r) => r.ok));
    await watcher.stop();
    assert.match(fs.readFileSync(`${dovecot.dir}/dovecot.log`, 'utf8'), /ID sent: name=inbox-worker/);
  });

  void test('a mail arriving while the watcher idles is taken at once, long before the next poll', async () => {
    const folder = 'Idle';
    await dovecot.createFolder(USER, folder);
    const { watcher, sink, state } = watch({ folder, options: { pollIntervalMs: 60_000 } });
    await watcher.start();
    await waitUntil(() => state.rounds.length >= 1, 5_000, 'first round');
    // The watcher idles as the round ends (imapflow's auto-IDLE is off): deliver at once, and
    // again after the round that took the first mail. Only IDLE can bring them before the poll.
    await dovecot.append(USER, folder, submission('idle1'));
    await waitUntil(() => sink.taken.length === 1, 8_000, 'the new mail taken through IDLE');
    await dovecot.append(USER, folder, submission('idle2'));
    await waitUntil(() => sink.taken.length === 2, 8_000, 'the next mail taken through IDLE again');
    await waitUntil(() => state.rounds.filter((r) => r.ok).length >= 3, 2_000, 'the rounds recorded');
    await watcher.stop();
  });

  void test('the store fails while taking a mail: it stays unmarked and is taken again on the next round', async () => {
    const folder = 'Flaky';
    await dovecot.createFolder(USER, folder);
    await dovecot.append(USER, folder, submission('f1'));
    await dovecot.append(USER, folder, submission('f2'));
    const { watcher, sink, state } = watch({ folder, options: { mode: 'poll', pollIntervalMs: 60_000 } });
    sink.failOn(/f1@/, 1);
    await watcher.start();
    await waitUntil(() => sink.taken.length === 2, 10_000, 'both taken after the retry');
    assert.equal(sink.failures, 1);
    // f2 may be stored in the round where f1 failed (intake order is not arrival order; the
    // store goes by arrival); f1 is stored by a later round.
    assert.deepEqual(sink.taken.map((t) => t.uid).sort(), [1, 2], 'each taken once');
    const failed = state.rounds.find((r) => !r.ok);
    assert.match(failed?.error ?? '', /blob store unavailable/);
    for (const flags of (await flagsOf(folder)).values()) assert.deepEqual(flags, [KEYWORD]);
    await watcher.stop();
  });

  void test('the mark waits until the sink has flushed what it stored to disk; a failed flush leaves the mail unmarked', async () => {
    const folder = 'Flushed';
    await dovecot.createFolder(USER, folder);
    await dovecot.append(USER, folder, submission('d1'));
    await dovecot.append(USER, folder, submission('d2'));
    const { watcher, sink, state } = watch({ folder, options: { mode: 'poll', pollIntervalMs: 60_000 } });
    // What the folder held each time the watcher asked for the flush, read over a second connection.
    const flagsAtFlush: string[][] = [];
    let failures = 1;
    sink.flushStored = async () => {
      flagsAtFlush.push([...(await flagsOf(folder)).values()].flat());
      if (failures-- > 0) throw new Error('the disk did not flush (test)');
    };
    await watcher.start();
    await waitUntil(() => state.rounds.some((r) => r.ok) && flagsAtFlush.length >= 2, 10_000, 'a round after the failed flush');
    assert.match(state.rounds.find((r) => !r.ok)?.error ?? '', /the disk did not flush/);
    assert.deepEqual(flagsAtFlush, [[], []], 'nothing was marked before a flush had succeeded');
    for (const flags of (await flagsOf(folder)).values()) assert.deepEqual(flags, [KEYWORD]);
    await watcher.stop();
  });

  void test('with moveTo marking, taken mails are moved to a folder the watcher creates, never deleted', async () => {
    const folder = 'MoveIn';
    await dovecot.createFolder(USER, folder);
    await dovecot.append(USER, folder, submission('m1'));
    await dovecot.append(USER, folder, submission('m2'));
    const { watcher, sink } = watch({ folder, mark: { moveTo: 'MoveIn/Taken' } });
    await watcher.start();
    await waitUntil(() => sink.taken.length === 2, 10_000, 'both taken');
    assert.equal(await watcher.runRoundNow(), 0);
    assert.equal((await flagsOf(folder)).size, 0, 'the intake folder is empty');
    const moved = await flagsOf('MoveIn/Taken');
    assert.equal(moved.size, 2, 'both messages are in the target folder');
    for (const flags of moved.values()) assert.ok(!flags.includes('\\Seen') && !flags.includes('\\Deleted'));
    await watcher.stop();
  });

  void test('the folder is recreated (new UIDVALIDITY): the watcher notices, logs it and offers every mail again', async () => {
    const folder = 'Rebuilt';
    await dovecot.createFolder(USER, folder);
    await dovecot.append(USER, folder, submission('r1'));
    await dovecot.append(USER, folder, submission('r2'));
    const { watcher, sink, state, log } = watch({ folder, options: { mode: 'poll' } });
    await watcher.start();
    await waitUntil(() => sink.taken.length === 2, 10_000, 'first pass');
    const before = state.states.get(folder)?.uidValidity;

    await dovecot.deleteFolder(USER, folder);
    await dovecot.createFolder(USER, folder);
    await dovecot.append(USER, folder, submission('r1'));
    await dovecot.append(USER, folder, submission('r2'));
    assert.equal(await watcher.runRoundNow(), 2);
    assert.notEqual(state.states.get(folder)?.uidValidity, before);
    assert.equal(state.states.get(folder)?.lastUid, 2);
    assert.deepEqual(sink.taken.map((t) => t.messageIdHeader), ['<r1@me.school.example>', '<r2@me.school.example>', '<r1@me.school.example>', '<r2@me.school.example>']);
    assert.equal(sink.taken[2]?.uidValidity, state.states.get(folder)?.uidValidity);
    assert.ok(log.lines.some((l) => l.msg.includes('UIDVALIDITY changed') && l.was === before));
    await watcher.stop();
  });

  void test('a batch limit spreads a backlog over several rounds without waiting for the poll', async () => {
    const folder = 'Backlog';
    await dovecot.createFolder(USER, folder);
    for (let i = 1; i <= 5; i++) await dovecot.append(USER, folder, submission(`b${i}`));
    const { watcher, sink, state } = watch({ folder, options: { mode: 'poll', batchSize: 2, pollIntervalMs: 60_000 } });
    await watcher.start();
    await waitUntil(() => sink.taken.length === 5, 10_000, 'the whole backlog');
    assert.deepEqual(sink.taken.map((t) => t.uid), [1, 2, 3, 4, 5]);
    // A round is recorded after its marks, a moment after its last store.
    await waitUntil(() => state.rounds.length >= 3, 5_000, 'at least three rounds of at most two');
    await watcher.stop();
  });

  void test('the worker is stopped while a mail is being stored: the stop waits, the mail is marked, nothing more is taken, the lock is freed', async () => {
    const folder = 'Shutdown';
    await dovecot.createFolder(USER, folder);
    await dovecot.append(USER, folder, submission('g1'));
    await dovecot.append(USER, folder, submission('g2'));
    const { watcher, sink, lockKey } = watch({ folder, options: { mode: 'poll' } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started: number[] = [];
    const slowTake = sink.take.bind(sink);
    sink.take = async (message) => {
      started.push(message.uid);
      await gate; // the blob store is slow to take the bytes: the download is still in hand
      return slowTake(message);
    };
    await watcher.start();
    await waitUntil(() => started.length === 1, 5_000, 'the first take begins');
    let stopped = false;
    const stopping = watcher.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(stopped, false, 'stop waits for the message in hand');
    release();
    await stopping;
    assert.deepEqual(started, [1], 'no new message after stop was asked');
    const flags = await flagsOf(folder);
    assert.deepEqual(flags.get(1), [KEYWORD], 'the message in hand was marked');
    assert.deepEqual(flags.get(2), [], 'the next one is left for the next worker');
    assert.equal(await redis.exists(lockKey), 0, 'the lock is released');
  });

  void test('storing overlaps the next download: a round downloads every mail while the first is still being stored, then marks them all', async () => {
    const folder = 'Overlap';
    await dovecot.createFolder(USER, folder);
    for (const n of [1, 2, 3]) await dovecot.append(USER, folder, submission(`o${n}`));
    const { watcher, sink } = watch({ folder, options: { mode: 'poll' } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read: number[] = [];
    const innerTake = sink.take.bind(sink);
    sink.take = async (message) => {
      const result = await innerTake(message); // every byte read
      read.push(message.uid);
      await gate; // the fsync, the row and the job are still to come
      return result;
    };
    await watcher.start();
    await waitUntil(() => read.length === 3, 5_000, 'all three downloaded while none is stored');
    const before = await flagsOf(folder);
    for (const uid of [1, 2, 3]) assert.deepEqual(before.get(uid), [], `UID ${uid} is not marked before it is stored`);
    release();
    await waitUntil(() => sink.taken.length === 3, 5_000, 'all three stored');
    let flags = await flagsOf(folder);
    for (let tries = 0; tries < 100 && ![...flags.values()].every((f) => f.includes(KEYWORD)); tries++) {
      await new Promise((r) => setTimeout(r, 50));
      flags = await flagsOf(folder);
    }
    for (const uid of [1, 2, 3]) assert.deepEqual(flags.get(uid), [KEYWORD], `UID ${uid} marked once stored`);
    await watcher.stop();
  });

  void test('a 24 MB mail with a video is streamed to the sink in chunks, byte for byte', async () => {
    const folder = 'Large';
    await dovecot.createFolder(USER, folder);
    const body = Buffer.alloc(24 * 1024 * 1024, 'A').toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = submission('large1', body);
    await dovecot.append(USER, folder, raw);
    const { watcher, sink } = watch({ folder, options: { mode: 'poll' } });
    await watcher.start();
    await waitUntil(() => sink.taken.length === 1, 30_000, 'the large mail');
    assert.equal(sink.taken[0]?.raw.length, Buffer.byteLength(raw));
    assert.ok((sink.taken[0]?.chunks ?? 0) > 10, `streamed in many chunks, got ${sink.taken[0]?.chunks}`);
    await watcher.stop();
  });
});
