/**
 * A private `redis-server` that the test owns outright, so it may be restarted empty: the soak's
 * "Redis lost its data" fault. The shared Redis (`useRedis`) must never be restarted; this one
 * listens on its own port, keeps nothing on disk (`--save ''`, no AOF) and runs `noeviction`
 * as BullMQ needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './free-port.js';

export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL and start again on the same port: every key is gone, as after a crash without persistence. */
  restartEmpty(): Promise<void>;
  /** SIGKILL, and stay down: the port refuses connections until `restartEmpty`. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'redis-private-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function launch(): Promise<void> {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
    const c = spawn('redis-server', args, { stdio: 'ignore' });
    child = c;
    try {
      await waitForPort('127.0.0.1', port, 10_000);
    } catch (err) {
      c.kill('SIGKILL');
      throw err;
    }
  }

  async function kill(): Promise<void> {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }

  process.once('exit', () => child?.kill('SIGKILL'));
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restartEmpty() {
      await kill();
      // The port may linger a moment after the kill; retry the bind.
      for (let attempt = 1; ; attempt++) {
        try {
          return await launch();
        } catch (err) {
          if (attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    crash: kill,
    async stop() {
      await kill();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
