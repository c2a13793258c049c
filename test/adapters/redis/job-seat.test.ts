/**
 * Job seats against a real Redis: how many processes of one machine take queued jobs, who stands
 * by, and how fast a standby takes over from a holder that stopped, was killed, or lost its lease.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { thisMachine, type ThisMachine } from '../../../src/adapters/host/this-machine.js';
import { createJobSeat, defaultSeats, type JobSeat } from '../../../src/adapters/redis/job-seat.js';
import { holderOf } from '../../../src/adapters/redis/redis-lock.js';
import { redisOptionsFromUrl } from '../../../src/adapters/queues/redis-options.js';
import { uniquePrefix, useRedis, type TestRedis } from '../../harness/redis.js';
import { startPrivateRedis } from '../../harness/redis-server.js';
import { waitFor } from '../../support/run-worker.js';

const logger = pino({ level: 'silent' });
let server: TestRedis;
let redis: Redis;

before(async () => {
  server = await useRedis();
  redis = new Redis(server.url);
});
after(async () => {
  redis.disconnect();
  await server.stop();
});

/** A process of this machine as a seat sees it: its pid, and what its queue workers went through. */
function aProcess(me: ThisMachine, prefix: string, opts: { seats?: number; ttlMs?: number; stages?: string; redis?: Redis } = {}) {
  const events: string[] = [];
  const seat: JobSeat = createJobSeat({
    redis: opts.redis ?? redis,
    prefix,
    stages: opts.stages ?? 'ingest+reply+validate',
    seats: opts.seats ?? 1,
    me,
    ttlMs: opts.ttlMs ?? 600,
    logger,
    onTaken: async () => void events.push('taken'),
    onLost: async () => void events.push('lost'),
  });
  return { seat, events };
}

/** Two processes of one machine: the test's own identity, with the second given another pid. */
const here = thisMachine();
const other: ThisMachine = { ...here, pid: here.pid + 1_000_000 };

const seatKey = (prefix: string) => `${prefix}:job-seat:ingest+reply+validate:${here.machine}:0`;

/** The pid of a process that has run and gone (reaped), in our pid space. */
async function pidOfAGoneProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

void describe('job seats', () => {
  void test('one seat, two processes: the first takes jobs, the second stands by and takes over when the first stops', async () => {
    const prefix = uniquePrefix('seat-one');
    const a = aProcess(here, prefix);
    const b = aProcess(other, prefix);
    await a.seat.start();
    await b.seat.start();
    assert.equal(a.seat.held(), 0);
    assert.equal(b.seat.held(), null, 'every seat taken: standing by');
    assert.deepEqual([a.events, b.events], [['taken'], []]);

    await a.seat.stop();
    await waitFor('the standby to take the freed seat', async () => b.seat.held() === 0, 5_000, 20);
    assert.deepEqual(b.events, ['taken']);
    await b.seat.stop();
    assert.equal((await redis.keys(`${prefix}:*`)).length, 0, 'a stopped process frees its seat');
  });

  void test('two seats (a 4-core machine by default): both processes take jobs', async () => {
    assert.deepEqual([1, 2, 3, 4, 8].map(defaultSeats), [1, 1, 1, 2, 4], 'one seat per two cores, at least one');
    const prefix = uniquePrefix('seat-two');
    const a = aProcess(here, prefix, { seats: 2 });
    const b = aProcess(other, prefix, { seats: 2 });
    await a.seat.start();
    await b.seat.start();
    assert.deepEqual([a.seat.held(), b.seat.held()], [0, 1]);
    await Promise.all([a.seat.stop(), b.seat.stop()]);
  });

  void test('processes of different stages do not compete for a seat', async () => {
    const prefix = uniquePrefix('seat-stages');
    const a = aProcess(here, prefix, { stages: 'ingest' });
    const b = aProcess(other, prefix, { stages: 'reply+validate' });
    await a.seat.start();
    await b.seat.start();
    assert.deepEqual([a.seat.held(), b.seat.held()], [0, 0]);
    await Promise.all([a.seat.stop(), b.seat.stop()]);
  });

  void test('a holder killed in our pid space: its seat is taken at the first look, not when its lease runs out', async () => {
    const prefix = uniquePrefix('seat-killed');
    const killed = aProcess({ ...here, pid: await pidOfAGoneProcess() }, prefix, { ttlMs: 60_000 });
    await killed.seat.start();
    assert.equal(killed.seat.held(), 0, 'the seat is held in Redis for a minute by a process that is gone');
    const next = aProcess(here, prefix, { ttlMs: 60_000 });
    await next.seat.start();
    assert.equal(next.seat.held(), 0);
    await next.seat.stop();
  });

  void test('a holder of another pid space (another container) cannot be seen: its seat is taken when its lease runs out', async () => {
    const prefix = uniquePrefix('seat-container');
    // How a process of another container leaves its seat when killed: the value stays until its lease runs out.
    await redis.set(seatKey(prefix), `${here.pid + 2_000_000}@pid:[1] feedface`, 'PX', 400);
    const next = aProcess(here, prefix, { ttlMs: 300 });
    await next.seat.start();
    assert.equal(next.seat.held(), null, 'a pid of another space says nothing: stand by');
    await waitFor('the lease to run out and the seat to be taken', async () => next.seat.held() === 0, 5_000, 20);
    await next.seat.stop();
  });

  void test('a holder whose lease was lost stops taking jobs, and takes them again once a seat is free', async () => {
    const prefix = uniquePrefix('seat-lost');
    const a = aProcess(here, prefix, { ttlMs: 300 });
    await a.seat.start();
    // Another container's process in its place, as after a stall past the lease: the renewal fails.
    await redis.set(seatKey(prefix), `${other.pid}@pid:[1] cafe`, 'PX', 250);
    await waitFor('the seat to be lost, then taken back once the other lease runs out', async () => a.events.length >= 3, 5_000, 20);
    assert.deepEqual(a.events.slice(0, 3), ['taken', 'lost', 'taken']);
    assert.equal(a.seat.held(), 0);
    await a.seat.stop();
  });

  void test('Redis lost its keys: the holder takes its seat back and keeps its queue workers running', async () => {
    const prefix = uniquePrefix('seat-flushed');
    const a = aProcess(here, prefix, { ttlMs: 300 });
    await a.seat.start();
    await redis.del(seatKey(prefix));
    await waitFor('the seat to be held in Redis again', async () => (await redis.exists(seatKey(prefix))) === 1, 5_000, 20);
    assert.deepEqual(a.events, ['taken'], 'not stopped and started again');
    await a.seat.stop();
  });
  void test('Redis unreachable: the holder keeps its queue workers; back empty, it takes its seat again without stopping them', async () => {
    const own = await startPrivateRedis();
    // As the worker connects: a command waits for Redis to come back rather than fail.
    const client = new Redis(redisOptionsFromUrl(own.url));
    client.on('error', () => undefined);
    const prefix = uniquePrefix('seat-unreachable');
    const a = aProcess(here, prefix, { redis: client, ttlMs: 300 });
    try {
      await a.seat.start();
      assert.equal(a.seat.held(), 0);
      await own.crash();
      // Many lease terms without Redis: no look can renew, none may stop the workers.
      await new Promise((r) => setTimeout(r, 1_500));
      assert.equal(a.seat.held(), 0);
      assert.deepEqual(a.events, ['taken'], 'the queue workers were neither stopped nor started again');
      await own.restartEmpty();
      const key = seatKey(prefix);
      await waitFor('the holder to take its seat again in the emptied Redis', async () => (await client.get(key)) !== null, 10_000, 50);
      assert.equal(holderOf((await client.get(key))!), `${here.pid}@${here.pidSpace}`);
      assert.deepEqual(a.events, ['taken']);
    } finally {
      await a.seat.stop();
      client.disconnect();
      await own.stop();
    }
  });
});
