/**
 * A Redis that lost its data is noticed by its missing marker key (real Redis), and what it lost
 * is put back once: the store's unfinished work, and today's digest when its hour has passed and
 * it was not sent.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createRedisLossWatch, digestHourPassed } from '../../src/app/redis-loss.js';
import { useRedis, type TestRedis } from '../harness/redis.js';

// 09:00 in Shanghai on 7 May 2025.
const NOW = new Date('2025-05-07T01:00:00Z');

describe('a Redis that lost its data', () => {
  let server: TestRedis;
  let redis: Redis;
  before(async () => {
    server = await useRedis();
    redis = new Redis(server.url);
  });
  after(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  const watch = (opts: { digestTime: string | null; sentToday?: boolean }) => {
    const calls = { recover: 0, catchUp: [] as string[] };
    const key = `test-alive-${randomBytes(6).toString('hex')}`;
    const w = createRedisLossWatch({
      redis,
      key,
      recover: async () => void calls.recover++,
      catchUpDigest: async (day) => void calls.catchUp.push(day),
      digestOf: async () => opts.sentToday ?? false,
      digestTime: opts.digestTime,
      now: () => NOW,
      logger: pino({ level: 'silent' }),
    });
    return { w, key, calls };
  };

  it('the digest hour is read on the Shanghai clock', () => {
    assert.equal(digestHourPassed(NOW, '08:30'), true);
    assert.equal(digestHourPassed(NOW, '09:00'), true);
    assert.equal(digestHourPassed(NOW, '09:01'), false);
  });

  it('while the marker stands nothing is done; once it is gone the work is put back once and the missed digest queued', async () => {
    const { w, key, calls } = watch({ digestTime: '08:30' });
    await w.mark();
    assert.equal(await w.check(), false);
    assert.deepEqual(calls, { recover: 0, catchUp: [] });
    await redis.del(key);
    assert.equal(await w.check(), true);
    assert.deepEqual(calls, { recover: 1, catchUp: ['2025-05-07'] });
    assert.equal(await w.check(), false, 'the marker is written again');
    assert.equal(calls.recover, 1);
    await redis.del(key);
  });

  it('no digest is queued when today’s was sent, before its hour, or by a process without the digest role', async () => {
    for (const opts of [{ digestTime: '08:30', sentToday: true }, { digestTime: '10:00' }, { digestTime: null }]) {
      const { w, key, calls } = watch(opts);
      assert.equal(await w.check(), true, 'no marker yet: treated as lost');
      assert.deepEqual(calls, { recover: 1, catchUp: [] });
      await redis.del(key);
    }
  });
});
