/**
 * The watcher in a coordinator's own mailbox, against a real Dovecot: years of old mail are
 * counted and never downloaded, and a server without custom keywords (Exchange-like) is handled by
 * keeping UIDs in the worker's store without touching the mailbox.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createMailboxWatcher, LEFT_ALONE_RECOUNT_MS } from '../../../src/adapters/imap/mailbox-watcher.js';
import { createRedisLock } from '../../../src/adapters/redis/redis-lock.js';
import type { DovecotServer } from '../../harness/dovecot.js';
import { startDovecot } from '../../harness/dovecot.js';
import { fillMaildir } from '../../harness/maildir.js';
import { startNoKeywordServer } from '../../harness/no-keyword-server.js';
import { uniquePrefix, useRedis, type TestRedis } from '../../harness/redis.js';
import { arraySink, capturedLogger, memoryStateStore, submission, waitUntil, type MemoryStateStore } from './fakes.js';

const KEYWORD = '$InboxWorkerTaken';
const USER = 'mywu@test.local';
const OPENING = new Date('2025-04-20T16:00:00Z'); // 2025-04-21 00:00 Asia/Shanghai

let redisServer: TestRedis;
let redis: Redis;

before(async () => {
  redisServer = await useRedis();
  redis = new Redis(redisServer.url);
});
after(async () => {
  redis.disconnect();
  await redisServer.stop();
});

function watch(server: DovecotServer, folder: string, state: MemoryStateStore = memoryStateStore(), now?: () => Date) {
  const log = capturedLogger();
  const sink = arraySink();
  const watcher = createMailboxWatcher({
    imap: server.imapEnv(USER),
    folder,
    mark: { keyword: KEYWORD },
    state,
    sink,
    lock: createRedisLock({ redis, key: uniquePrefix(folder), ttlMs: 1_500, logger: log.logger }),
    logger: log.logger,
    onStall: async () => undefined,
    options: { mode: 'poll', pollIntervalMs: 60_000, backoff: { initialMs: 100, maxMs: 400 }, lockCheckMs: 300 },
    takeSince: OPENING,
    ...(now ? { now } : {}),
  });
  return { watcher, sink, state, log };
}

const flagsOf = (server: DovecotServer, folder: string) =>
  server.withClient(USER, async (c) => {
    await c.mailboxOpen(folder);
    const out = new Map<number, string[]>();
    for await (const m of c.fetch('1:*', { uid: true, flags: true })) out.set(m.uid, [...(m.flags ?? [])].filter((f) => f !== '\\Recent'));
    return out;
  });

/** Bytes Dovecot sent to clients, from its logout lines (`Logged out in=… out=…`). */
function bytesSent(server: DovecotServer): number {
  const logouts = [...fs.readFileSync(`${server.dir}/dovecot.log`, 'utf8').matchAll(/Logged out in=\d+ out=(\d+)/g)];
  assert.ok(logouts.length > 0, 'Dovecot logs its sessions');
  return logouts.reduce((n, m) => n + Number(m[1]), 0);
}

void describe('a first start in a mailbox with years of mail', () => {
  void test('5,000 messages from before the opening are counted, never downloaded; the mail since the opening is taken', async () => {
    const server = await startDovecot({ users: [{ user: USER, pass: 'opening-pass' }] });
    try {
      const filler = 'x'.repeat(2_000);
      const old = Array.from({ length: 5_000 }, (_, i) => ({
        raw: Buffer.from(submission(`old${i}`, filler)),
        internalDate: new Date(Date.UTC(2020, 0, 1) + i * 3 * 3600 * 1000),
      }));
      // The evening before the opening in Shanghai is already the opening day in UTC+0: SINCE finds it, the exact date leaves it.
      old.push({ raw: Buffer.from(submission('eve', filler)), internalDate: new Date('2025-04-20T15:30:00Z') });
      await fillMaildir(server, USER, 'INBOX', [...old, { raw: Buffer.from(submission('new1')), internalDate: new Date('2025-04-21T02:00:00Z') }]);
      await server.append(USER, 'INBOX', submission('new2'));

      const { watcher, sink, state, log } = watch(server, 'INBOX');
      const started = performance.now();
      await watcher.start();
      await waitUntil(() => state.rounds.length >= 1, 60_000, 'the first round');
      const firstRoundMs = Math.round(performance.now() - started);
      console.log(`first round over 5,001 old messages: ${firstRoundMs} ms`);

      assert.deepEqual(sink.taken.map((t) => t.messageIdHeader), ['<new1@me.school.example>', '<new2@me.school.example>']);
      assert.equal(state.rounds[0]?.leftAlone, 5_001);
      assert.ok(log.lines.some((l) => l.leftAlone === 5_001 && /left 5001 message/.test(l.msg)), 'the log says how many were left alone');
      assert.equal(await watcher.runRoundNow(), 0, 'the next round takes nothing either');
      assert.equal(log.lines.filter((l) => l.leftAlone !== undefined).length, 1, 'said once, not every round');
      await watcher.stop();

      const flags = await flagsOf(server, 'INBOX');
      assert.equal([...flags.values()].filter((f) => f.includes(KEYWORD)).length, 2, 'only the two new mails carry the keyword');
      assert.ok(bytesSent(server) < 1_000_000, `the 10 MB of old mail was not downloaded (${bytesSent(server)} bytes sent)`);
    } finally {
      await server.stop();
    }
  });
});

void describe('the count of mail left alone', () => {
  void test('is taken on the first round, not again while mail comes in, and again once it is LEFT_ALONE_RECOUNT_MS old', async () => {
    const server = await startDovecot({ users: [{ user: USER, pass: 'recount-pass' }] });
    try {
      const beforeOpening = (n: number) => new Date(OPENING.getTime() - n * 24 * 3600 * 1000);
      for (let i = 1; i <= 3; i++) await server.append(USER, 'INBOX', submission(`old${i}`), [], beforeOpening(i));
      await server.append(USER, 'INBOX', submission('new1'));
      let clock = Date.now();
      const { watcher, sink, state } = watch(server, 'INBOX', memoryStateStore(), () => new Date(clock));
      await watcher.start();
      const counts = () => state.rounds.filter((r) => r.leftAlone !== undefined).map((r) => r.leftAlone);
      await waitUntil(() => sink.taken.length === 1 && counts().length === 1, 10_000, 'the first new mail, and the first round recorded');
      assert.deepEqual(counts(), [3], 'counted on the first round');

      // The coordinator files two old mails into the folder, and a unit's mail arrives: taken, not
      // counted again yet. (A round may also start by itself on the server's EXISTS: the waits
      // below hold whichever round takes the mail.)
      for (let i = 4; i <= 5; i++) await server.append(USER, 'INBOX', submission(`old${i}`), [], beforeOpening(i));
      await server.append(USER, 'INBOX', submission('new2'));
      await watcher.runRoundNow();
      await waitUntil(() => sink.taken.length === 2, 10_000, 'the second new mail');
      await watcher.runRoundNow();
      assert.deepEqual(counts(), [3], 'no second count within the interval');

      clock += LEFT_ALONE_RECOUNT_MS;
      await server.append(USER, 'INBOX', submission('new3'));
      await watcher.runRoundNow();
      await waitUntil(() => sink.taken.length === 3, 10_000, 'the third new mail');
      await waitUntil(() => counts().length === 2, 10_000, 'a second count');
      assert.deepEqual(counts(), [3, 5], 'counted again once the count is old and the folder has changed');
      assert.equal(await watcher.runRoundNow(), 0);
      assert.deepEqual(counts(), [3, 5], 'an unchanged folder is not counted again');
      await watcher.stop();
      assert.deepEqual(sink.taken.map((t) => t.messageIdHeader), ['<new1@me.school.example>', '<new2@me.school.example>', '<new3@me.school.example>']);
    } finally {
      await server.stop();
    }
  });
});

void describe('a server that cannot store keywords (Exchange, Microsoft 365)', () => {
  void test('says so once, keeps UIDs in the store, never touches the mailbox, takes nothing twice and misses nothing', async () => {
    const server = await startNoKeywordServer({ users: [{ user: USER, pass: 'nokw-pass' }] });
    try {
      for (const id of ['k1', 'k2', 'k3']) await server.append(USER, 'INBOX', submission(id));
      await server.append(USER, 'INBOX', submission('old'), [], new Date('2024-05-01T08:00:00Z'));
      const state = memoryStateStore();
      const first = watch(server, 'INBOX', state);
      first.sink.failOn(/k2@/, 1);
      await first.watcher.start();
      await waitUntil(() => first.sink.taken.length === 3, 10_000, 'three taken, k2 after a failed take');
      assert.equal(await first.watcher.runRoundNow(), 0);
      const warnings = first.log.lines.filter((l) => /cannot store the keyword/.test(l.msg));
      assert.equal(warnings.length, 1, 'said once');
      assert.ok(state.rounds.filter((r) => r.ok).every((r) => r.tracking === 'store'));
      assert.equal(state.takenUids.size, 3);
      await first.watcher.stop();

      // A restart (same store) takes nothing again; a new mail is taken once.
      await server.append(USER, 'INBOX', submission('k4'));
      const second = watch(server, 'INBOX', state);
      await second.watcher.start();
      await waitUntil(() => second.sink.taken.length === 1, 10_000, 'the new mail');
      assert.equal(await second.watcher.runRoundNow(), 0);
      await second.watcher.stop();
      assert.deepEqual([...first.sink.taken, ...second.sink.taken].map((t) => t.messageIdHeader).sort(), ['<k1@me.school.example>', '<k2@me.school.example>', '<k3@me.school.example>', '<k4@me.school.example>']);
      for (const f of (await flagsOf(server, 'INBOX')).values()) assert.deepEqual(f, [], 'no flag of any kind was set');
    } finally {
      await server.stop();
    }
  });
});
