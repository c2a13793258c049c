/** Runs `inbox-worker` as a child process, as an operator would, for tests that kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './worker-env.js';

const bin = path.join(projectRoot, 'bin/inbox-worker.js');

export interface RunningWorker {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

/**
 * `nodeArgs` go to Node itself (the e2e bench passes `--cpu-prof`, which NODE_OPTIONS refuses).
 * `entry` replaces `bin/inbox-worker.js` (the e2e bench runs the compiled `main.js`, as production does).
 */
export function spawnWorker(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = [], entry = bin): RunningWorker {
  const child = spawn(process.execPath, [...nodeArgs, entry, ...args], { env, cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

/** Runs a command to completion and returns its stdout; rejects with stderr on a non-zero exit. */
export async function runWorkerCommand(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [bin, ...args], { env, cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`inbox-worker ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
