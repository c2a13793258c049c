/**
 * A Redis that restarts without its data loses the queued jobs and the digest's scheduler with
 * them, while the store still knows what is unfinished. A marker key written at start tells a
 * process that Redis lost its data: the marker is gone. Then the unfinished work is put back in
 * the queues, the digest scheduled again, and today's digest sent if its hour has passed and it
 * is not in the outbox (docs/reliability.md). Only then: a periodic sweep of the store would
 * also requeue a job quarantined on purpose (docs/limits.md).
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { shanghaiDate, shanghaiDateTime } from '../domain/time/shanghai-time.js';

export interface RedisLossDeps {
  redis: Redis;
  key: string;
  /** Puts the store's unfinished work back in the queues and schedules the digest again. */
  recover(): Promise<unknown>;
  /** Queues today's digest (one per day, whatever the number of processes). */
  catchUpDigest(day: string): Promise<void>;
  /** Whether today's digest is already in the outbox. */
  digestOf(day: string): Promise<boolean>;
  /** `HH:MM` Asia/Shanghai; null when this process does not run the digest role. */
  digestTime: string | null;
  now(): Date;
  logger: Logger;
}

/** Whether the digest hour of the Shanghai day containing `now` has passed. */
export function digestHourPassed(now: Date, time: string): boolean {
  return shanghaiDateTime(now).slice(11, 16) >= time;
}

export function createRedisLossWatch(deps: RedisLossDeps) {
  const mark = async (): Promise<void> => {
    await deps.redis.set(deps.key, deps.now().toISOString());
  };
  return {
    mark,
    /** True when Redis had lost its data (and what it lost is put back). */
    async check(): Promise<boolean> {
      if ((await deps.redis.exists(deps.key)) === 1) return false;
      deps.logger.warn('Redis lost its data (the marker key is gone): putting the unfinished work back in the queues');
      await deps.recover();
      const now = deps.now();
      const day = shanghaiDate(now);
      if (deps.digestTime && digestHourPassed(now, deps.digestTime) && !(await deps.digestOf(day))) await deps.catchUpDigest(day);
      await mark();
      return true;
    },
  };
}
