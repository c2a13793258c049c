/**
 * A single-holder lease in Redis: `SET key token NX PX ttl` to take it, and Lua scripts that
 * extend or delete it only while it still carries our token, so a holder that stalled past its
 * TTL can never extend or free a lease someone else has taken since. (The single-instance
 * pattern from the Redis docs, "Distributed locks with Redis"; no Redlock — one Redis.)
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

const RENEW_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisLockOptions {
  redis: Redis;
  key: string;
  /** How long the lease lives without renewal; the holder renews well before it runs out. */
  ttlMs: number;
  logger: Logger;
  /** Who holds it, written before the random part of the value, so a contender can read it (job-seat.ts). */
  holder?: string;
}

export interface RedisLock {
  /** Lease length; a holder renews (and a standby retries) at a fraction of it. */
  readonly ttlMs: number;
  /** Takes the lease if free (or already ours: then it is renewed). Resolves whether we hold it. */
  acquire(): Promise<boolean>;
  /** Extends our lease by `ttlMs`. False when it was lost (expired, taken by another). */
  renew(): Promise<boolean>;
  /** Frees the lease if it is still ours. Never throws. */
  release(): Promise<void>;
  /** Whether we believe we hold it: true after a successful acquire/renew, until one fails. */
  held(): boolean;
}

/** The `holder` a lease's value names (see RedisLockOptions), or null for a lease taken without one. */
export function holderOf(value: string): string | null {
  const cut = value.lastIndexOf(' ');
  return cut < 0 ? null : value.slice(0, cut);
}

export function createRedisLock({ redis, key, ttlMs, logger, holder }: RedisLockOptions): RedisLock {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new Error(`lock ttlMs must be a positive integer, got ${ttlMs}`);
  const token = `${holder === undefined ? '' : `${holder} `}${randomBytes(16).toString('hex')}`;
  const log = logger.child({ lock: key });
  let holding = false;
  // When our last successful acquire/renew was asked: the lease cannot outlive asked + ttl,
  // whatever Redis says later, so held() turns false by itself if renewals stop working.
  let validUntil = 0;

  async function renew(): Promise<boolean> {
    const asked = Date.now();
    const extended = Number(await redis.eval(RENEW_IF_OURS, 1, key, token, String(ttlMs)));
    if (extended === 1) {
      holding = true;
      validUntil = asked + ttlMs;
      return true;
    }
    if (holding) log.warn('lock lost: it expired or another process holds it now');
    holding = false;
    return false;
  }

  return {
    ttlMs,
    async acquire() {
      const asked = Date.now();
      const set = await redis.set(key, token, 'PX', ttlMs, 'NX');
      if (set === 'OK') {
        if (!holding) log.info('lock acquired');
        holding = true;
        validUntil = asked + ttlMs;
        return true;
      }
      return renew();
    },
    renew: async () => {
      try {
        return await renew();
      } catch (err) {
        // Redis unreachable: we cannot prove we still hold it, so we act as if we do not.
        log.warn({ err }, 'lock renewal failed');
        holding = false;
        return false;
      }
    },
    async release() {
      const was = holding;
      holding = false;
      try {
        await redis.eval(RELEASE_IF_OURS, 1, key, token);
        if (was) log.info('lock released');
      } catch (err) {
        log.warn({ err }, 'lock release failed; it expires by itself');
      }
    },
    held: () => holding && Date.now() < validUntil,
  };
}
