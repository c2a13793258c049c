/**
 * What the reply decision knows of its recipient that another reply can change: the mail committed
 * to the address since a moment (the rate limit counts it; "answered already" compares with it) and
 * when the coordinator was last told the address hit the limit. The decision and the composing are
 * done on one reading of it, outside any lock; the outcome is written only if, inside the
 * recipient's transaction (adapters/store/keyed-transaction.ts), a second reading is the same. So
 * two replies decided at once can never both slip under the limit, both answer the same words, or
 * both tell the coordinator of one flood: the second finds the history changed and decides again.
 *
 * The notice is read only when the mail committed to reaches a rate limit, the one case in which the
 * decision looks at it (domain/replies/reply-policy.ts): two readings with the same commitments
 * both read it or both leave it out, so the comparison still sees every change that matters.
 */
import type { Executor } from '../../adapters/store/compiled-query.js';
import { rateLimitHit, type RateLimit } from '../../domain/replies/index.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';

export interface RecipientHistory {
  /** When mail to the address was committed to (sent, claimed, drafted, uncertain). */
  committedAt: string[];
  /** The mails (store ids) whose replies are among them. */
  answered: string[];
  /** When the coordinator was last told of a flood to the address; null too while no limit is reached (not read). */
  rateLimitNoticeAt: string | null;
}

/** The moments the history is read for: the window it covers and the limits the decision applies at `now`. */
export interface HistoryWindow {
  since: string;
  now: string;
  limits: readonly RateLimit[];
}

export async function recipientHistory(
  deps: { outbox: Pick<OutboxRepo, 'commitmentsTo'>; incidents: Pick<IncidentRepo, 'openOne'> },
  recipient: string,
  window: HistoryWindow,
  executor?: Executor,
): Promise<RecipientHistory> {
  const { committedAt, answered } = await deps.outbox.commitmentsTo(recipient, window.since, executor);
  const notice = rateLimitHit(committedAt, window.now, window.limits) ? await deps.incidents.openOne('rate_limited', recipient, executor) : undefined;
  return { committedAt, answered, rateLimitNoticeAt: notice?.updated_at ?? null };
}

/** Whether nothing a decision depends on changed between two readings (the order of rows aside). */
export function sameHistory(a: RecipientHistory, b: RecipientHistory): boolean {
  const key = (h: RecipientHistory) => JSON.stringify([[...h.committedAt].sort(), [...h.answered].sort(), h.rateLimitNoticeAt]);
  return key(a) === key(b);
}
