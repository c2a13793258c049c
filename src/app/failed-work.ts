/**
 * Failed work, for `inbox-worker failed` and `retry`: jobs that failed for good in any queue, and
 * stored messages whose ingest failed, each with the reason and the mail's sender and subject.
 * A retry runs the same job again through the normal path; every job is idempotent, so a retry
 * of work that meanwhile succeeded changes nothing.
 */
import type { Job, Queue } from 'bullmq';
import { decodeEncodedWords, rawLineToText } from '../adapters/mime/header-text.js';
import { ingestQueue } from '../adapters/queues/ingest-queue.js';
import { headerBlockOf, rawHeaderValue } from '../domain/mail/raw-header.js';
import type { App } from './build-app.js';

export interface FailedItem {
  /** What `retry` takes: a job id (`ingest-…`, `reply-…`) or, for a failed message, its id. */
  id: string;
  /** The queue of a failed job; null for a stored message whose ingest failed. */
  queue: string | null;
  reason: string;
  failedAt: string | null;
  attempts: number;
  messageId: string | null;
  from: string | null;
  subject: string | null;
}

type FailedWorkApp = Pick<App, 'queues' | 'store' | 'blobs'>;

export async function listFailed(app: FailedWorkApp): Promise<FailedItem[]> {
  const items: FailedItem[] = [];
  for (const [name, queue] of Object.entries(app.queues) as [string, Queue][]) {
    for (const job of await queue.getFailed(0, 9_999)) {
      const messageId = typeof job.data?.messageId === 'string' ? (job.data.messageId as string) : null;
      items.push({
        id: job.id ?? '?',
        queue: name,
        reason: job.failedReason ?? 'unknown',
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        attempts: job.attemptsMade,
        messageId,
        ...(await senderAndSubject(app, messageId)),
      });
    }
  }
  const listed = new Set(items.map((i) => i.messageId));
  for (const id of await app.store.messages.idsInState('failed')) {
    if (listed.has(id)) continue;
    const row = await app.store.messages.get(id);
    items.push({ id, queue: null, reason: row?.ingest_error ?? 'ingest failed', failedAt: row?.stored_at ?? null, attempts: 0, messageId: id, ...(await senderAndSubject(app, id)) });
  }
  return items.sort((a, b) => (a.failedAt ?? '').localeCompare(b.failedAt ?? ''));
}

/** Sender and subject as ingest read them, else from the raw header (ingest may be what failed). */
async function senderAndSubject(app: FailedWorkApp, messageId: string | null): Promise<{ from: string | null; subject: string | null }> {
  if (!messageId) return { from: null, subject: null };
  const row = await app.store.messages.get(messageId);
  if (!row) return { from: null, subject: null };
  if (row.from_address || row.subject) return { from: row.from_address, subject: row.subject };
  const head = await app.blobs.read(row.raw_sha256).then((b) => headerBlockOf(b.subarray(0, 64 * 1024)), () => '');
  const header = (name: string) => {
    const value = rawHeaderValue(head, name);
    return value === null ? null : decodeEncodedWords(rawLineToText(value));
  };
  return { from: header('from'), subject: header('subject') };
}

export interface RetryOutcome {
  id: string;
  result: 'queued' | 'not_found';
}

/** Puts failed jobs (or failed messages) back in their queue; `all` takes everything `listFailed` shows. */
export async function retryFailed(app: FailedWorkApp, ids: readonly string[] | 'all'): Promise<RetryOutcome[]> {
  const wanted = ids === 'all' ? (await listFailed(app)).map((i) => i.id) : ids;
  const out: RetryOutcome[] = [];
  for (const id of wanted) out.push({ id, result: (await retryOne(app, id)) ? 'queued' : 'not_found' });
  return out;
}

async function retryOne(app: FailedWorkApp, id: string): Promise<boolean> {
  for (const queue of Object.values(app.queues) as Queue[]) {
    const job: Job | undefined = await queue.getJob(id);
    if (job && (await job.getState()) === 'failed') {
      await job.retry('failed');
      return true;
    }
  }
  const row = /^[0-9a-f]{64}$/.test(id) ? await app.store.messages.get(id) : undefined;
  if (row?.state !== 'failed') return false;
  // A completed ingest job with this id would make the queue ignore the new one.
  const done = await app.queues.ingest.getJob(`ingest-${id}`);
  if (done && (await done.getState()) !== 'failed') await done.remove();
  await ingestQueue.add(app.queues.ingest, { messageId: id });
  return true;
}
