/**
 * A real Redis for tests: the one already running (REDIS_URL, else redis://127.0.0.1:6379) when it
 * answers PING, otherwise a throwaway `redis-server` of the test's own (redis-server.ts: a free
 * port, a temp dir, `maxmemory-policy noeviction` as BullMQ wants).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startPrivateRedis } from './redis-server.js';

export interface TestRedis {
  url: string;
  /** Stops the throwaway server (no-op for a shared one). */
  stop(): Promise<void>;
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function useRedis(): Promise<TestRedis> {
  const shared = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await answersPing(shared)) return { url: shared, stop: async () => undefined };

  // None running: one of the test's own, as the soak starts (it keeps nothing and runs noeviction).
  const own = await startPrivateRedis();
  return { url: own.url, stop: () => own.stop() };
}

/**
 * A fresh queue / key prefix per test, so tests sharing one Redis never see each other's keys.
 * Only `[A-Za-z0-9_-]`: BullMQ ids and prefixes must not contain `:`.
 */
export function uniquePrefix(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return `t-${safe}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Deletes a test's keys (`prefix:*`) from a Redis it shares with others, so the next run starts empty. */
export async function dropKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
