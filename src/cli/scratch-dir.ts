/**
 * A temporary folder that is removed however the command ends: normally, by an error, or by
 * SIGINT/SIGTERM (Ctrl-C, a timeout's kill). A signal removes it synchronously and then ends the
 * process as the signal would have, so the exit status still says what happened (130, 143).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function withScratchDir<T>(prefix: string, run: (dir: string) => Promise<T>): Promise<T> {
  let dir: string | null = null;
  const removeNow = (): void => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    removeNow();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  // Listeners first, then the folder, made synchronously: no signal can come in between.
  for (const s of SIGNALS) process.once(s, onSignal);
  // An exit by process.exit() or an uncaught error runs 'exit' handlers, not `finally`.
  process.once('exit', removeNow);
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return await run(dir);
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener('exit', removeNow);
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  }
}
