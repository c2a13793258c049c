/**
 * A private PostgreSQL cluster for tests that restart the database: `initdb` in a temp dir, one
 * loopback port, trust authentication, started and restarted with `pg_ctl`. The machine's own
 * PostgreSQL serves other tests and must never be restarted by one. As root, the cluster runs
 * as the `postgres` account (PostgreSQL refuses to run as root).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface PrivatePostgres {
  url: string;
  /** `pg_ctl restart -m immediate`: connections drop, the server recovers from its WAL. */
  restart(): Promise<void>;
  /** Stops the server, keeping its data: connections are refused until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest installed server's bin dir (Debian: /usr/lib/postgresql/N/bin), or null. */
export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql');
  const root = process.getuid?.() === 0;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pg-private-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (root) await run('chown', ['-R', 'postgres:postgres', dir]);
  const as = (cmd: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args));

  await as('initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-instructions']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const ctl = (...args: string[]) => as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log.txt'), '-w', '-t', '60', ...args]);
  await ctl('-o', opts, 'start');
  let running = true;
  // Safety net for a test process that dies before stop(): no cluster outlives it ('exit' handlers must be synchronous).
  process.once('exit', () => {
    if (!running) return;
    const argv = [path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
    try {
      if (root) execFileSync('runuser', ['-u', 'postgres', '--', ...argv], { stdio: 'ignore' });
      else execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  });

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await ctl('-m', 'immediate', '-o', opts, 'restart');
    },
    async down() {
      await ctl('-m', 'immediate', 'stop');
    },
    async up() {
      await ctl('-o', opts, 'start');
    },
    async stop() {
      if (running) await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      running = false;
      // The postmaster's children may still be closing files for a moment after it stopped.
      await fsp.rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
