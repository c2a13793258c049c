/**
 * Runs work for one key at a time across every process (a Redis lease per key), e.g. the reply
 * decision for one recipient, so that two replies decided at once cannot both pass a rate limit.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedisLock } from './redis-lock.js';

export interface KeyedMutex {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedMutex(opts: { redis: Redis; prefix: string; ttlMs: number; waitMs: number; logger: Logger }): KeyedMutex {
  return {
    async run(key, work) {
      const lock = createRedisLock({ redis: opts.redis, key: `${opts.prefix}:${key}`, ttlMs: opts.ttlMs, logger: opts.logger });
      const deadline = Date.now() + opts.waitMs;
      while (!(await lock.acquire())) {
        // Thrown, the job is retried later: better late than two decisions at once.
        if (Date.now() > deadline) throw new Error(`busy: ${key} is locked by another worker`);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
      try {
        return await work();
      } finally {
        await lock.release();
      }
    },
  };
}
