/**
 * Recovery on start: the store, not Redis, says what is unfinished. Whatever was stored but not
 * ingested, ingested but not judged, or judged but not answered is put back in its queue; every
 * job is idempotent, so work that was in fact finished is a no-op (docs/architecture.md).
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Store } from '../adapters/store/store.js';

export interface Requeue {
  ingest(messageId: string): Promise<unknown>;
  validate(messageId: string): Promise<unknown>;
  reply(messageId: string): Promise<unknown>;
}

export async function requeueUnfinished(store: Pick<Store, 'messages' | 'submissions'>, requeue: Requeue, logger: Logger): Promise<{ ingest: number; validate: number; reply: number }> {
  const stored = await store.messages.idsInState('stored');
  for (const messageId of stored) await requeue.ingest(messageId);
  const unjudged = await store.submissions.unjudgedMessageIds();
  for (const messageId of unjudged) await requeue.validate(messageId);
  const unanswered = await store.submissions.unansweredMessageIds();
  for (const messageId of unanswered) await requeue.reply(messageId);
  const counts = { ingest: stored.length, validate: unjudged.length, reply: unanswered.length };
  if (stored.length + unjudged.length + unanswered.length > 0) logger.info(counts, 're-queued unfinished work');
  return counts;
}

/** Waiting, active and delayed jobs across these queues: zero means nothing is in hand. */
export async function jobsInHand(queues: readonly Queue[]): Promise<number> {
  let total = 0;
  for (const q of queues) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    total += Object.values(c).reduce((a, b) => a + b, 0);
  }
  return total;
}
