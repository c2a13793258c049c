/**
 * `inbox-worker start`: the watcher and every queue's worker in one process, or only some of
 * them (`--only ingest,validate`) to scale out. SIGTERM/SIGINT stop it gracefully; a second
 * signal exits at once (what is unfinished is recovered on the next start).
 */
import type { Logger } from 'pino';
import { roles, type App, type Role } from '../app/build-app.js';

export function parseRoles(only: string | undefined): Role[] {
  if (!only) return [...roles];
  const wanted = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((r) => !(roles as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`--only: unknown part(s) ${unknown.join(', ')}; choose from ${roles.join(', ')}`);
  return wanted as Role[];
}

export async function runStart(app: App, logger: Logger, opts: { only: Role[]; exitWhenIdle: boolean }): Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = (why: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now');
      process.exit(130);
    }
    logger.info({ why }, 'stopping: finishing what is in hand');
    stopping = app.close();
    return stopping;
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.start(opts.only);
  logger.info({ parts: opts.only }, 'worker started');
  if (!opts.exitWhenIdle) {
    await new Promise<void>((resolve) => process.once('beforeExit', () => resolve()));
    return;
  }
  // For the sandbox and tests: poll the mailbox and the queues until both are empty twice running.
  let quiet = 0;
  while (!stopping && quiet < 2) {
    await new Promise((r) => setTimeout(r, 500));
    const taken = opts.only.includes('watcher') ? await app.runWatcherRound() : 0;
    const pending = await app.pendingJobs();
    quiet = taken === 0 && pending === 0 ? quiet + 1 : 0;
  }
  await (stopping ?? stop('idle'));
}
