/**
 * The Redis lease that keeps a mailbox to one watcher, against a real Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createRedisLock } from '../../../src/adapters/redis/redis-lock.js';
import { uniquePrefix, useRedis, type TestRedis } from '../../harness/redis.js';

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

void describe('the mailbox lock', () => {
  void test('two workers race for the lock: exactly one gets it, and acquiring again keeps it', async () => {
    const key = uniquePrefix('lock-race');
    const a = createRedisLock({ redis, key, ttlMs: 5_000, logger });
    const b = createRedisLock({ redis, key, ttlMs: 5_000, logger });
    const [ga, gb] = await Promise.all([a.acquire(), b.acquire()]);
    assert.notEqual(ga, gb, 'one winner');
    const [winner, loser] = ga ? [a, b] : [b, a];
    assert.equal(winner.held(), true);
    assert.equal(loser.held(), false);
    assert.equal(await winner.acquire(), true, 're-acquiring your own lock succeeds');
    assert.equal(await loser.acquire(), false);
    await winner.release();
    await loser.release();
  });

  void test('a holder that stops renewing loses the lock after the TTL; its late renew and release cannot touch the new holder', async () => {
    const key = uniquePrefix('lock-expiry');
    const dead = createRedisLock({ redis, key, ttlMs: 300, logger });
    const next = createRedisLock({ redis, key, ttlMs: 5_000, logger });
    assert.equal(await dead.acquire(), true);
    assert.equal(await next.acquire(), false);
    await sleep(400);
    assert.equal(dead.held(), false, 'held() runs out by the clock, without asking Redis');
    assert.equal(await next.acquire(), true);
    assert.equal(await dead.renew(), false, 'the old holder cannot extend a lease it lost');
    await dead.release();
    assert.equal(next.held(), true);
    assert.equal(await redis.exists(key), 1, 'the old holder did not delete the new lease');
    assert.equal(await next.renew(), true);
    await next.release();
    assert.equal(await redis.exists(key), 0);
  });

  void test('renewing keeps the lease alive past its TTL', async () => {
    const key = uniquePrefix('lock-renew');
    const holder = createRedisLock({ redis, key, ttlMs: 300, logger });
    const other = createRedisLock({ redis, key, ttlMs: 300, logger });
    assert.equal(await holder.acquire(), true);
    for (let i = 0; i < 5; i++) {
      await sleep(100);
      assert.equal(await holder.renew(), true);
    }
    assert.equal(await other.acquire(), false, 'still held 500 ms after a 300 ms TTL');
    const pttl = await redis.pttl(key);
    assert.ok(pttl > 100 && pttl <= 300, `renewed TTL ${pttl}`);
    await holder.release();
  });

  void test('Redis unreachable: renew says the lock is lost instead of throwing', async () => {
    const key = uniquePrefix('lock-down');
    const conn = new Redis(server.url);
    const lock = createRedisLock({ redis: conn, key, ttlMs: 5_000, logger });
    assert.equal(await lock.acquire(), true);
    conn.disconnect();
    assert.equal(await lock.renew(), false);
    assert.equal(lock.held(), false);
    await lock.release();
    await redis.del(key);
  });
});
