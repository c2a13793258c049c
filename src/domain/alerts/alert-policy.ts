/**
 * When an operator is mailed (docs/operations.md, "Alerts"). Pure: the caller says what stands
 * now and what was mailed before; this says whether to mail, and which mail.
 *
 * - A *condition* (intake stalled, a login refused) lasts until it clears: one alert when it
 *   starts, one recovery mail when it clears — the recovery only when the alert went out.
 * - An *event* (a job failed for good, a reply refused by the server) happens once: one alert.
 * - At most one alert per kind per hour, so a flapping server cannot flood the operators. A
 *   condition held back by that rule is mailed once the hour has passed, if it still stands;
 *   the digest lists every incident whatever was mailed.
 */

export const alertKinds = ['intake_stalled', 'imap_auth', 'smtp_auth', 'job_failed', 'reply_refused'] as const;
export type AlertKind = (typeof alertKinds)[number];

const conditionKinds: ReadonlySet<AlertKind> = new Set(['intake_stalled', 'imap_auth', 'smtp_auth']);
export const isCondition = (kind: AlertKind): boolean => conditionKinds.has(kind);

/** One alert per kind within this long. */
export const ALERT_INTERVAL_MS = 60 * 60 * 1000;

export interface Condition {
  /** ISO-8601 UTC: when the condition began. */
  since: string;
  /** What went wrong, as the failing part said it (an error message). */
  detail: string;
}

/** What was mailed of one kind before, read from the outbox. */
export interface AlertHistory {
  /** ISO-8601 UTC of the latest alert of this kind, or null if none. */
  lastAlertAt: string | null;
  /** The latest alert of a condition that no recovery mail followed, or null. */
  unrecovered: { key: string; since: string; sent: boolean } | null;
}

export type AlertDecision =
  | { action: 'alert'; kind: AlertKind; key: string; since: string; detail: string }
  | { action: 'recovery'; kind: AlertKind; alertKey: string; key: string; since: string }
  /** The condition cleared before its alert could be sent: nothing was said, so nothing is said now. */
  | { action: 'withdraw'; kind: AlertKind; alertKey: string }
  | { action: 'none'; reason: 'already_told' | 'within_the_hour' | 'nothing_to_recover' | 'explained' };

const withinTheHour = (history: AlertHistory, now: string): boolean =>
  history.lastAlertAt !== null && Date.parse(now) - Date.parse(history.lastAlertAt) < ALERT_INTERVAL_MS;

/** The outbox key of a condition's alert: one per episode, so two processes agree on it. */
export const alertKey = (kind: AlertKind, since: string): string => `${kind}.${since}`;

/** A stall while the IMAP login is refused is that refusal's doing: its alert already said so. */
const EXPLAINED_BY: Partial<Record<AlertKind, AlertKind>> = { intake_stalled: 'imap_auth' };

/** A condition that stands (`condition`) or has cleared (`null`); `standing` are the other conditions standing now. */
export function decideCondition(kind: AlertKind, condition: Condition | null, history: AlertHistory, now: string, standing: ReadonlySet<AlertKind> = new Set()): AlertDecision {
  if (condition) {
    if (history.unrecovered) return { action: 'none', reason: 'already_told' };
    const cause = EXPLAINED_BY[kind];
    if (cause && standing.has(cause)) return { action: 'none', reason: 'explained' };
    if (withinTheHour(history, now)) return { action: 'none', reason: 'within_the_hour' };
    return { action: 'alert', kind, key: alertKey(kind, condition.since), since: condition.since, detail: condition.detail };
  }
  const open = history.unrecovered;
  if (!open) return { action: 'none', reason: 'nothing_to_recover' };
  if (!open.sent) return { action: 'withdraw', kind, alertKey: open.key };
  return { action: 'recovery', kind, alertKey: open.key, key: `${open.key}.recovered`, since: open.since };
}

/** A one-off event; `subject` names what it happened to (a job, a recipient). */
export function decideEvent(kind: AlertKind, event: { at: string; subject: string; detail: string }, history: AlertHistory, now: string): AlertDecision {
  if (withinTheHour(history, now)) return { action: 'none', reason: 'within_the_hour' };
  return { action: 'alert', kind, key: `${kind}.${event.subject}.${event.at}`, since: event.at, detail: event.detail };
}
