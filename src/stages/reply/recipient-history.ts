/**
 * What the reply decision knows of its recipient that another reply can change: the mail committed
 * to the address since a moment (the rate limit counts it; "answered already" compares with it) and
 * when the coordinator was last told the address hit the limit. The decision and the composing are
 * done on one reading of it, outside any lock; the outcome is written only if, inside the
 * recipient's transaction (adapters/store/keyed-transaction.ts), a second reading is the same. So
 * two replies decided at once can never both slip under the limit, both answer the same words, or
 * both tell the coordinator of one flood: the second finds the history changed and decides again.
 */
import type { Executor } from '../../adapters/store/compiled-query.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';

export interface RecipientHistory {
  /** When mail to the address was committed to (sent, claimed, drafted, uncertain). */
  committedAt: string[];
  /** The mails (store ids) whose replies are among them. */
  answered: string[];
  rateLimitNoticeAt: string | null;
}

export async function recipientHistory(
  deps: { outbox: Pick<OutboxRepo, 'commitmentsTo'>; incidents: Pick<IncidentRepo, 'openOne'> },
  recipient: string,
  sinceIso: string,
  executor?: Executor,
): Promise<RecipientHistory> {
  const { committedAt, answered } = await deps.outbox.commitmentsTo(recipient, sinceIso, executor);
  const notice = await deps.incidents.openOne('rate_limited', recipient, executor);
  return { committedAt, answered, rateLimitNoticeAt: notice?.updated_at ?? null };
}

/** Whether nothing a decision depends on changed between two readings (the order of rows aside). */
export function sameHistory(a: RecipientHistory, b: RecipientHistory): boolean {
  const key = (h: RecipientHistory) => JSON.stringify([[...h.committedAt].sort(), [...h.answered].sort(), h.rateLimitNoticeAt]);
  return key(a) === key(b);
}
