/**
 * Which reply a submission gets. One rule for the whole project: an error blocks acceptance, a
 * warning does not (docs/forms.md), and a report without a required part is incomplete.
 */
import type { ReplyKind } from './phrases.js';
import type { ReplyInput } from './reply-input.js';

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
