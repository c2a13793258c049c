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
    // BullMQ fails a job the process died running twice (maxStalledCount 1, see define-queue.ts)
    // when it is next taken: it is quarantined, never taken again (docs/limits.md).
    const quarantined = STALLED.test(err.message);
    log.error({ err: err.message, quarantined }, quarantined ? 'job quarantined: the process stopped twice while running it' : 'job failed for good');
    const name = `${worker.name}/${job.id ?? '?'}`;
    const detail = quarantined ? QUARANTINED : err.message;
    incidents
      .record('job_failed', name, detail, now().toISOString())
      .then(() => deps.onFinalFailure?.(name, detail))
      .catch((e: unknown) => log.error({ err: String(e) }, 'could not record the failed job'));
  });
}

/** BullMQ's reasons for failing a job whose process stopped while running it (a crash, an OOM kill). */
const STALLED = /stalled more than allowable limit|started more than allowable limit/;
const QUARANTINED = '处理这项任务时工作进程两次中断（可能是某个附件导致），任务已隔离，不再自动重试。请人工查看这封邮件，必要时请单位重新发送。';
