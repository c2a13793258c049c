/**
 * Which reply a submission gets. One rule for the whole project: an error blocks acceptance, a
 * warning does not (FORMS.md), and a report without a required part is incomplete.
 */
import type { Problem } from '../forms/problem.js';
import type { MissingReportPart } from '../recognition/report-parts.js';
import type { ReplyKind } from './phrases.js';
import type { DeliverableStatus, ReplyInput } from './reply-input.js';

/** The status of one deliverable from its problems and, for the report, its missing parts. */
export function deliverableStatus(problems: readonly Problem[], missingParts: readonly MissingReportPart[] = []): DeliverableStatus {
  if (problems.some((p) => p.severity === 'error')) return 'needs_correction';
  if (missingParts.length > 0) return 'incomplete';
  if (problems.length > 0) return 'accepted_with_warnings';
  return 'accepted';
}

/** Whether some error must be fixed (as opposed to only parts still to be sent). */
export function needsFixing(input: Pick<ReplyInput, 'deliverables' | 'mailProblems'>): boolean {
  return (
    input.deliverables.some((d) => d.status === 'needs_correction') ||
    (input.mailProblems ?? []).some((p) => p.severity === 'error')
  );
}

/**
 * A correction request when anything must be fixed or sent, or when nothing recognisable arrived;
 * otherwise an acknowledgement (warnings are listed as suggestions in it).
 */
export function replyKindOf(input: Pick<ReplyInput, 'deliverables' | 'mailProblems'>): ReplyKind {
  if (input.deliverables.length === 0) return 'correction_request';
  if (needsFixing(input)) return 'correction_request';
  return input.deliverables.some((d) => d.status === 'incomplete') ? 'correction_request' : 'acknowledgement';
}
