/**
 * Reads, at one instant, everything the digest is composed from: the current version of every
 * unit's submissions, what waits for the coordinator (held mail, open incidents), the status
 * changes since the last daily digest and the reminders sent today. The composition itself is
 * pure (src/domain/digest/); this is the store side of it.
 */
import type { Campaign, DeliverableId } from '../../domain/campaign/campaign-schema.js';
import { NOT_OPENED_PREFIX } from '../../domain/submissions/unopened-files.js';
import { deliverableIds } from '../../domain/campaign/campaign-schema.js';
import { shanghaiDate, type DigestInput, type DigestSubmission, type NeedsYouItem, type NeedsYouKind, type SentReminder, type StatusChange } from '../../domain/digest/index.js';
import { versionDetailCodec } from '../../adapters/store/codecs.js';
import type { CurrentVersionRow, DigestRepo, HeldVersionRow } from '../../adapters/store/digest-repo.js';

const DAY_MS = 24 * 3600 * 1000;

export interface CollectDigestDeps {
  campaign: Campaign;
  /** Registry order. */
  units: readonly string[];
  digests: DigestRepo;
}

export async function collectDigestInput(deps: CollectDigestDeps, now: Date): Promise<DigestInput> {
  const today = shanghaiDate(now);
  const [current, held, incidents, lastDigestAt, reminderKeys] = await Promise.all([
    deps.digests.currentVersions(),
    deps.digests.undecidedHeldVersions(),
    deps.digests.openIncidents(),
    deps.digests.lastDigestSentAt('daily', now.toISOString()),
    deps.digests.remindersOn(today),
  ]);
  // Before the first digest, "new" means the last day: a first digest mid-season would otherwise list every mail ever judged.
  const since = lastDigestAt ?? new Date(now.getTime() - DAY_MS).toISOString();
  const judged = await deps.digests.judgedSince(since);
  const leftAlone = await deps.digests.leftAlone(since);
  const unopenedFiles = await deps.digests.unopenedSince(since, NOT_OPENED_PREFIX);
  const wanted = new Set<string>(deps.campaign.deliverables.map((d) => d.id));

  const changes: StatusChange[] = judged
    .filter((j) => wanted.has(j.deliverable) && j.previousStatus !== j.status)
    .map((j) => ({ at: j.receivedAt, unit: j.unit, deliverable: j.deliverable as DeliverableId, from: j.previousStatus, to: j.status }));

  return {
    now,
    campaign: deps.campaign,
    units: [...deps.units],
    submissions: current.filter((c) => wanted.has(c.deliverable)).map(toDigestSubmission),
    needsYou: [...held.filter(firstPerMessage()).map(heldItem), ...incidents.map(incidentItem)],
    changes,
    lastDigestAt,
    remindersSentToday: sentReminders(reminderKeys, deps.units, deps.campaign),
    leftAlone,
    unopenedFiles,
  };
}

export function toDigestSubmission(row: CurrentVersionRow): DigestSubmission {
  const detail = versionDetailCodec.decode(row.detailJson);
  return {
    unit: row.unit,
    deliverable: row.deliverable as DeliverableId,
    status: row.status,
    late: row.late,
    version: row.version,
    receivedAt: row.receivedAt,
    errorCount: row.errorCount,
    warningCount: row.warningCount,
    missingParts: (detail.missingParts ?? []).map((p) => p.label),
  };
}

/** Reminders actually sent, as the digest lists them: in registry order, then deliverable order. */
export function sentReminders(rows: readonly { subject_key: string; status: string }[], units: readonly string[], campaign: Campaign): SentReminder[] {
  // A unit no longer in the registry goes last. Ranks looked up in a map: a national registry
  // reminded in full would otherwise cost units × reminders × log(reminders) scans.
  const ranks = new Map<string, number>();
  units.forEach((u, i) => { if (!ranks.has(u)) ranks.set(u, i); });
  const unitRank = (u: string) => ranks.get(u) ?? units.length;
  const deliverableRank = (d: string) => campaign.deliverables.findIndex((x) => x.id === d);
  return rows
    // A reminder written into Drafts is listed too; the digest says they wait there (draft mode).
    .filter((r) => r.status === 'sent' || r.status === 'drafted')
    .map((r) => parseReminderKey(r.subject_key))
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .sort((a, b) => unitRank(a.unit) - unitRank(b.unit) || deliverableRank(a.deliverable) - deliverableRank(b.deliverable) || a.unit.localeCompare(b.unit))
    .map((r) => ({ unit: r.unit, deliverable: r.deliverable }));
}

/** The outbox key of a reminder: `${unit}/${deliverable}/${due}/${day}` (a unit's name may itself hold a `/`). */
export function reminderSubjectKey(r: { unit: string; deliverable: string; dueDate: string; sentOn: string }): string {
  return `${r.unit}/${r.deliverable}/${r.dueDate}/${r.sentOn}`;
}

export function parseReminderKey(key: string): (SentReminder & { dueDate: string; sentOn: string }) | null {
  const parts = key.split('/');
  if (parts.length < 4) return null;
  const sentOn = parts.pop()!;
  const dueDate = parts.pop()!;
  const deliverable = parts.pop()!;
  if (!(deliverableIds as readonly string[]).includes(deliverable)) return null;
  return { unit: parts.join('/'), deliverable: deliverable as DeliverableId, dueDate, sentOn };
}

/** One mail carrying two deliverables is held once, not once per deliverable. */
function firstPerMessage() {
  const seen = new Set<string>();
  return (h: HeldVersionRow) => {
    if (seen.has(h.messageId)) return false;
    seen.add(h.messageId);
    return true;
  };
}

const HELD_KINDS: Readonly<Record<string, NeedsYouKind>> = { unknown_unit: 'unknown_sender', conflict: 'conflict', outside_domain: 'unknown_sender', suspected_forgery: 'suspected_forgery' };

function heldItem(h: HeldVersionRow): NeedsYouItem {
  const detail = versionDetailCodec.decode(h.detailJson);
  const reason = detail.held?.reason ?? '';
  const from = h.fromAddress ? `发件人 ${h.fromAddress}` : '发件人不明';
  return {
    kind: HELD_KINDS[reason] ?? 'held',
    subject: h.subject?.trim() || '（无主题）',
    detail: [from, detail.held?.detail ?? ''].filter(Boolean).join('：'),
    since: h.receivedAt,
  };
}

/** Incident kinds as the coordinator reads them. */
const INCIDENT_KINDS: Readonly<Record<string, NeedsYouKind>> = {
  intake_stall: 'intake_stall',
  login_failed: 'login_failed',
  job_failed: 'job_failed',
  unreadable_message: 'unreadable',
  hard_bounce: 'hard_bounce',
  send_failed: 'hard_bounce',
  // A send whose process died without an outcome: not repeated, a copy in Drafts (docs/reliability.md).
  send_uncertain: 'send_uncertain',
  rate_limited: 'rate_limited',
  suspected_forgery: 'suspected_forgery',
  // A file that broke the reading sandbox (docs/limits.md): the unit was asked to fix it.
  file_refused: 'unreadable',
  unit_question: 'question',
  // A reply left unsent because the sender is outside the allowed domains: who sent it is the question.
  reply_refused: 'unknown_sender',
  // A reply left unsent because the address bounced before: the unit needs another way to be reached.
  reply_suppressed: 'hard_bounce',
};

function incidentItem(i: { kind: string; subject: string; detail: string; created_at: string; count: number }): NeedsYouItem {
  const count = Number(i.count);
  return {
    kind: INCIDENT_KINDS[i.kind] ?? 'job_failed',
    subject: i.subject,
    detail: count > 1 ? `${i.detail}（共 ${count} 次）` : i.detail,
    since: i.created_at,
  };
}
