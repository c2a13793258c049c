/**
 * A job that has used up its retries (or was told not to retry) becomes an incident the
 * coordinator sees in the digest and an alert to the operators; BullMQ keeps the failed job
 * itself for `inbox-worker failed` / `retry` and the dashboard.
 */
import type { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { IncidentRepo } from '../adapters/store/incident-repo.js';
import type { MessageRepo } from '../adapters/store/message-repo.js';
import type { BlobStore } from '../adapters/blobs/blob-store.js';
import { readStoredEnvelope } from '../adapters/mime/stored-envelope.js';
import { quarantinedJobDetail, unparsedMailDetail } from '../domain/mail/quarantined-mail.js';

export interface FinalFailureDeps {
  incidents: IncidentRepo;
  now(): Date;
  logger: Logger;
  /** Told once per job that failed for good (`job`: `queue/jobId`). */
  onFinalFailure?(job: string, error: string): Promise<void>;
  /** Told once per quarantined job, after its incident: the unit whose mail it was is answered. */
  onQuarantined?(job: Job): Promise<void>;
  /** What the incident of a quarantined job adds about its mail, when there is something to add. */
  describeQuarantined?(job: Job): Promise<string | null>;
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
    const described = quarantined && deps.describeQuarantined ? deps.describeQuarantined(job).catch(() => null) : Promise.resolve(null);
    const recorded = described.then((about) => {
      const detail = quarantined ? quarantinedJobDetail(about) : err.message;
      return incidents.record('job_failed', name, detail, now().toISOString()).then(() => detail);
    });
    recorded.then((detail) => deps.onFinalFailure?.(name, detail)).catch((e: unknown) => log.error({ err: String(e) }, 'could not record the failed job'));
    // The unit hears back whether or not the incident could be written.
    if (quarantined && deps.onQuarantined) {
      const answer = deps.onQuarantined;
      recorded
        .catch(() => undefined)
        .then(() => answer(job))
        .catch((e: unknown) => log.error({ err: String(e) }, 'could not answer the mail of the quarantined job'));
    }
  });
}

/** BullMQ's reasons for failing a job whose process stopped while running it (a crash, an OOM kill). */
const STALLED = /stalled more than allowable limit|started more than allowable limit/;

export interface QuarantineAnswerDeps {
  messages: Pick<MessageRepo, 'get'>;
  /** The coordinator's own mail is her decision or question, never answered as a unit's. */
  fromCoordinator(messageId: string): Promise<boolean>;
  validate(messageId: string, options: { quarantined: true }): Promise<void>;
}

/**
 * What a quarantined ingest or validate job leaves the unit: its mail judged without opening a
 * file, so the usual reply (outbox, once, same rules) asks it to fix a file that could not be
 * processed (docs/limits.md). An ingest job that died before the mail was parsed leaves nothing to
 * judge or answer (see describeUnparsedMail): the incident is all there is.
 */
export function answerQuarantinedMail(deps: QuarantineAnswerDeps): (job: Job) => Promise<void> {
  return async (job) => {
    const messageId = (job.data as { messageId?: unknown }).messageId;
    if (typeof messageId !== 'string') return;
    const row = await deps.messages.get(messageId);
    if (row?.state !== 'ingested' || row.kind !== 'submission' || (await deps.fromCoordinator(messageId))) return;
    await deps.validate(messageId, { quarantined: true });
  };
}

export interface UnparsedMailDeps {
  messages: Pick<MessageRepo, 'get'>;
  blobs: Pick<BlobStore, 'createReadStream'>;
}

/**
 * What the coordinator is told of a mail whose ingest job was quarantined before it was parsed:
 * its sender, subject and date from the stored header block, in the words of unparsedMailDetail
 * (src/domain/mail/quarantined-mail.ts). Nobody is written to — whether the mail is the call's,
 * or machine mail, is only known once it is parsed, and in her own mailbox most mail is not the
 * call's (docs/relevance.md) — so she is told that the sender was not answered (docs/limits.md).
 */
export function describeUnparsedMail(deps: UnparsedMailDeps): (job: Job) => Promise<string | null> {
  return async (job) => {
    const messageId = (job.data as { messageId?: unknown }).messageId;
    if (typeof messageId !== 'string') return null;
    const row = await deps.messages.get(messageId);
    if (!row || row.state === 'ingested') return null;
    const envelope = await readStoredEnvelope(deps.blobs.createReadStream(row.raw_sha256));
    return unparsedMailDetail({ envelope, internalDate: row.internal_date, storedAt: row.stored_at });
  };
}
