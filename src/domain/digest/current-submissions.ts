/**
 * The current submission of each unit × deliverable, keyed for lookup. Submissions of a unit
 * that is not in the registry are left out here: an unknown sender reaches the coordinator
 * through the needs-you list instead.
 */
import type { DeliverableId } from '../campaign/campaign-schema.js';
import type { DigestSubmission } from './digest-input.js';

export type CurrentSubmissions = ReadonlyMap<string, DigestSubmission>;

export function submissionKey(unit: string, deliverable: DeliverableId): string {
  return `${deliverable}\u0000${unit}`;
}

/** When the store hands two versions of one pair, the higher version is the current one. */
export function indexSubmissions(units: readonly string[], submissions: readonly DigestSubmission[]): CurrentSubmissions {
  const known = new Set(units);
  const index = new Map<string, DigestSubmission>();
  for (const s of submissions) {
    if (!known.has(s.unit)) continue;
    const key = submissionKey(s.unit, s.deliverable);
    const before = index.get(key);
    if (!before || s.version > before.version) index.set(key, s);
  }
  return index;
}

export function isDone(s: DigestSubmission | undefined): boolean {
  return s?.status === 'accepted' || s?.status === 'accepted_with_warnings';
}
