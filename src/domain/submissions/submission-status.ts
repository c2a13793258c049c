/** The verdict words shared by the store, replies, the digest and `check --json`. */
import type { Problem } from '../forms/problem.js';
import type { MissingReportPart } from '../recognition/index.js';
import { deliverableStatus } from '../replies/reply-verdict.js';

export { isLate } from '../replies/deadline.js';

export type SubmissionStatus = 'accepted' | 'accepted_with_warnings' | 'needs_correction' | 'incomplete' | 'held';

/** Held mail waits for the coordinator; otherwise errors block, missing report parts leave it incomplete, warnings never block. */
export function statusOf(problems: readonly Problem[], opts: { held: boolean; missingParts: readonly MissingReportPart[] }): SubmissionStatus {
  return opts.held ? 'held' : deliverableStatus(problems, opts.missingParts);
}
