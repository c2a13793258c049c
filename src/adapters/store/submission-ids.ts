/** Ids of versions and submissions: content-derived, so a re-run finds what it wrote. */
import { createHash } from 'node:crypto';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

export const versionIdOf = (messageId: string, deliverable: string) => hex(`${messageId}/${deliverable}`);
export const submissionIdOf = (unit: string, deliverable: string) => hex(`${unit}/${deliverable}`);
