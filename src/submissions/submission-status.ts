/** The verdict words shared by the store, replies, the digest and `check --json`. */
import type { Problem } from '../core/problem.js';

export type SubmissionStatus = 'accepted' | 'accepted_with_warnings' | 'needs_correction' | 'incomplete' | 'held';

/** Errors block acceptance; a report missing a required part is incomplete; warnings never block. */
export function statusOf(problems: readonly Problem[], opts: { held: boolean; missingParts: number }): SubmissionStatus {
  if (opts.held) return 'held';
  if (problems.some((p) => p.severity === 'error')) return 'needs_correction';
  if (opts.missingParts > 0) return 'incomplete';
  return problems.length > 0 ? 'accepted_with_warnings' : 'accepted';
}

/**
 * Late is judged by when the mail reached the mailbox, in Asia/Shanghai: due `2025-05-06` means
 * through 2025-05-06 23:59:59 +08:00 (FORMS.md).
 */
export function isLate(receivedAt: string | null, due: string): boolean {
  if (!receivedAt) return false;
  return Date.parse(receivedAt) > Date.parse(`${due}T23:59:59.999+08:00`);
}
