/**
 * A job that has used up its retries (or was told not to retry) becomes an incident the
 * coordinator sees in the digest and an alert to the operators; BullMQ keeps the failed job
 * itself for `inbox-worker failed` / `retry` and the dashboard.
 */
import type { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { IncidentRepo } from '../adapters/store/incident-repo.js';

export interface FinalFailureDeps {
  incidents: IncidentRepo;
  now(): Date;
  logger: Logger;
  /** Told once per job that failed for good (`job`: `queue/jobId`). */
  onFinalFailure?(job: string, error: string): Promise<void>;
}

export function reportFinalFailures(worker: Worker, deps: FinalFailureDeps): void {
  const { incidents, now, logger } = deps;
  worker.on('failed', (job: Job | undefined, err: Error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = job.attemptsMade >= attempts || err.name === 'UnrecoverableError';
    const log = logger.child({ queue: worker.name, jobId: job.id, attempt: job.attemptsMade });
    if (!final) {
      log.warn({ err: err.message }, 'job failed, will retry');
      return;
    }
    log.error({ err: err.message }, 'job failed for good');
    const name = `${worker.name}/${job.id ?? '?'}`;
    incidents
      .record('job_failed', name, err.message, now().toISOString())
      .then(() => deps.onFinalFailure?.(name, err.message))
      .catch((e: unknown) => log.error({ err: String(e) }, 'could not record the failed job'));
  });
}
