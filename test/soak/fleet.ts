/**
 * The worker as one or more `inbox-worker start` processes, kept running as a service manager
 * would (Restart=always): a process that dies — killed by the soak or by a fault point — is
 * started again after a short pause. Each process's stderr goes to its own log file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../support/worker-env.js';

const bin = path.join(projectRoot, 'bin/inbox-worker.js');

export interface Fleet {
  size: number;
  /** SIGKILL process `i`; resolves once it is dead (the supervisor restarts it). `nextFault` is set in the restarted one's INBOX_FAULT. */
  kill(i: number, opts?: { nextFault?: string; beforeRestart?: () => Promise<void> }): Promise<void>;
  /** Process exits not asked for (fault points firing, crashes), with their codes. */
  unexpectedExits: { index: number; code: number | null; signal: string | null; fault: string | null }[];
  /** Whether process `i` runs now. */
  running(i: number): boolean;
  /** Graceful stop of every process (SIGTERM, then SIGKILL after 20 s). */
  stop(): Promise<void>;
}

export function startFleet(size: number, env: NodeJS.ProcessEnv, logDir: string, opts: { restartDelayMs?: number; onExit?: (index: number, fault: string | null) => Promise<void> } = {}): Fleet {
  const children: (ChildProcess | null)[] = new Array(size).fill(null);
  const faults: (string | null)[] = new Array(size).fill(null);
  const deliberate = new Set<ChildProcess>();
  const unexpectedExits: Fleet['unexpectedExits'] = [];
  let stopping = false;
  fs.mkdirSync(logDir, { recursive: true });

  const launch = (i: number) => {
    const fault = faults[i] ?? null;
    faults[i] = null;
    const log = fs.openSync(path.join(logDir, `worker-${i}.log`), 'a');
    fs.writeSync(log, `--- start ${new Date().toISOString()}${fault ? ` INBOX_FAULT=${fault}` : ''}\n`);
    const child = spawn(process.execPath, [bin, 'start'], { env: { ...env, ...(fault ? { INBOX_FAULT: fault } : {}) }, cwd: projectRoot, stdio: ['ignore', 'ignore', log] });
    fs.closeSync(log);
    children[i] = child;
    child.once('exit', (code, signal) => {
      if (children[i] === child) children[i] = null;
      if (stopping || deliberate.delete(child)) return;
      unexpectedExits.push({ index: i, code, signal, fault });
      void (async () => {
        await opts.onExit?.(i, fault).catch(() => undefined);
        setTimeout(() => !stopping && children[i] === null && launch(i), opts.restartDelayMs ?? 500);
      })();
    });
  };
  for (let i = 0; i < size; i++) launch(i);
  // No worker outlives the soak that started it.
  process.once('exit', () => children.forEach((c) => c?.kill('SIGKILL')));

  return {
    size,
    unexpectedExits,
    running: (i) => children[i] !== null,
    async kill(i, o = {}) {
      const child = children[i];
      if (!child) return;
      deliberate.add(child);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      await o.beforeRestart?.();
      if (o.nextFault) faults[i] = o.nextFault;
      await new Promise((r) => setTimeout(r, opts.restartDelayMs ?? 500));
      if (!stopping && children[i] === null) launch(i);
    },
    async stop() {
      stopping = true;
      await Promise.all(
        children.map(async (child) => {
          if (!child || child.exitCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
