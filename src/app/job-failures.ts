/**
 * A job that has used up its retries (or was told not to retry) becomes an incident the
 * coordinator sees in the digest; BullMQ keeps the failed job itself for the operator.
 */
import type { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { IncidentRepo } from '../adapters/store/incident-repo.js';

export function reportFinalFailures(worker: Worker, incidents: IncidentRepo, now: () => Date, logger: Logger): void {
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
    incidents.record('job_failed', `${worker.name}/${job.id ?? '?'}`, err.message, now().toISOString()).catch((e: unknown) => {
      log.error({ err: String(e) }, 'could not record the failed job');
    });
  });
}
