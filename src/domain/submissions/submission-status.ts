/**
 * The verdict words shared by the store, replies, the digest and `check --json`, and the one rule
 * that gives them (docs/forms.md, "Severity"): an error blocks acceptance, a warning never does,
 * a report without a required part is incomplete, and mail that cannot be placed is held.
 */
import type { Problem } from '../forms/problem.js';
import type { MissingReportPart } from '../recognition/report-parts.js';
import { endOfShanghaiDay } from '../time/shanghai-time.js';

export const SUBMISSION_STATUSES = ['accepted', 'accepted_with_warnings', 'needs_correction', 'incomplete', 'held'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** A status a unit is told: every status but held, which waits for the coordinator. */
export type DeliverableStatus = Exclude<SubmissionStatus, 'held'>;

/** The status from counts, for a version whose problems are already stored. */
export function statusFromCounts(counts: { errors: number; warnings: number; missingParts: number }): DeliverableStatus {
  if (counts.errors > 0) return 'needs_correction';
  if (counts.missingParts > 0) return 'incomplete';
  return counts.warnings > 0 ? 'accepted_with_warnings' : 'accepted';
}

/** The status of one deliverable from its problems and, for the report, its missing parts. */
export function deliverableStatus(problems: readonly Problem[], missingParts: readonly MissingReportPart[] = []): DeliverableStatus {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return statusFromCounts({ errors, warnings: problems.length - errors, missingParts: missingParts.length });
}

export function statusOf(problems: readonly Problem[], opts: { held: boolean; missingParts: readonly MissingReportPart[] }): SubmissionStatus {
  return opts.held ? 'held' : deliverableStatus(problems, opts.missingParts);
}

/**
 * Whether a mail received at `receivedAt` (ISO-8601) is after the due date `due` (YYYY-MM-DD):
 * the notice's "before 2025-05-06" is read as through 2025-05-06 23:59:59 in Beijing
 * (docs/forms.md, "Deadlines").
 */
export function isLate(receivedAt: string, due: string): boolean {
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received) || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return false;
  return received > endOfShanghaiDay(due).getTime();
}
