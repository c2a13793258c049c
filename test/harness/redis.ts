/**
 * A real Redis for tests: the one already running (REDIS_URL, else redis://127.0.0.1:6379) when it
 * answers PING, otherwise a throwaway `redis-server` on a free port in a temp dir. BullMQ wants
 * `maxmemory-policy noeviction`, so the throwaway one is started with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

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

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh queue / key prefix per test, so tests sharing one Redis never see each other's keys.
 * Only `[A-Za-z0-9_-]`: BullMQ ids and prefixes must not contain `:`.
 */
export function uniquePrefix(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return `t-${safe}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
