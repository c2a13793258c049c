/**
 * Whether a report about another mail — a bounce, a delivery-delay report, a read receipt — is the
 * call's (docs/relevance.md, "Reports about a mail"). It is only when the mail it reports on is
 * the worker's: the coordinator's own mail bounces and gets read too, and a bounce of her private
 * mail must neither stop the worker writing to that address nor reach 需要您处理. Pure: the
 * outbox lookups are the caller's.
 */
import type { Relevance } from './relevance.js';

export interface ReportFacts {
  /** Message-IDs of the reported mail, as far as the report names them (returned headers, Original-Message-ID, thread headers). */
  originalMessageIds: readonly string[];
  /** The worker wrote one of those Message-IDs (its outbox: replies, reminders, drafts, digests). */
  workerWroteOriginal: boolean;
  /** The failed recipient of a bounce, when the bounce names one. */
  recipient: string | null;
  /** The worker has written to that recipient (a reply or a reminder, sent or drafted). */
  workerWroteToRecipient: boolean;
}

/**
 * The surest fact first: a report that names the failed mail's Message-ID is ours exactly when we
 * wrote that mail — then even a unit's address the worker also writes to is not suppressed for a
 * bounce of her own mail to it. Only a report that names no Message-ID at all (a plain-text
 * "系统退信" quoting nothing) falls back to its recipient being an address the worker wrote to.
 */
export function judgeReport(facts: ReportFacts): Relevance {
  if (facts.originalMessageIds.length > 0) {
    return facts.workerWroteOriginal
      ? { related: true, tie: 'reports_worker_mail', detail: 'A report on a mail the worker wrote (its Message-ID is in the outbox).' }
      : { related: false, detail: 'A report on a mail the worker did not write (its Message-ID is not in the outbox).' };
  }
  if (facts.recipient && facts.workerWroteToRecipient) {
    return { related: true, tie: 'reports_worker_mail', detail: 'A report naming no Message-ID, about an address the worker has written to.' };
  }
  return { related: false, detail: 'A report naming neither a mail the worker wrote nor an address it has written to.' };
}
