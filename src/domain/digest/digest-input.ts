/**
 * What the digest is composed from: plain data the store side reads once, at one instant.
 * Composition is pure — `now` is a parameter, nothing here touches a clock, a database or a disk.
 */
import type { Campaign, DeliverableId } from '../campaign/campaign-schema.js';
import type { SubmissionStatus } from '../submissions/submission-status.js';
import type { LeftAlone } from './left-alone.js';
import type { LearnedAddress } from '../recognition/learned-addresses.js';

export { SUBMISSION_STATUSES, type SubmissionStatus } from '../submissions/submission-status.js';

/** The CURRENT version of one unit's submission of one deliverable. */
export interface DigestSubmission {
  /** Unit's full name, as in the registry. */
  unit: string;
  deliverable: DeliverableId;
  status: SubmissionStatus;
  /** Received after the deadline (through the due day 23:59:59 Asia/Shanghai is on time). */
  late: boolean;
  /** 1 for the first submission, 2 for the first resubmission, … */
  version: number;
  /** ISO-8601 UTC. */
  receivedAt: string;
  errorCount: number;
  warningCount: number;
  /** Chinese labels of required parts still missing (report only), e.g. `总结材料`. */
  missingParts: string[];
}

export type NeedsYouKind =
  | 'held'
  | 'unknown_sender'
  | 'conflict'
  | 'job_failed'
  | 'hard_bounce'
  | 'send_uncertain'
  | 'intake_stall'
  | 'login_failed'
  | 'suspected_forgery'
  | 'rate_limited'
  | 'unreadable'
  | 'question';

/** Something only a person can settle. */
export interface NeedsYouItem {
  kind: NeedsYouKind;
  /** What it is about: a mail subject, a unit, a job — may be sender-controlled text. */
  subject: string;
  /** One line of detail — may be sender-controlled text. */
  detail: string;
  /** ISO-8601 UTC: since when it has been waiting. */
  since: string;
}

export interface StatusChange {
  /** ISO-8601 UTC. */
  at: string;
  unit: string;
  deliverable: DeliverableId;
  /** null for a unit's first submission of the deliverable. */
  from: SubmissionStatus | null;
  to: SubmissionStatus;
}

export interface SentReminder {
  unit: string;
  deliverable: DeliverableId;
}

export interface DigestInput {
  now: Date;
  campaign: Campaign;
  /** Unit full names, in registry order. */
  units: readonly string[];
  submissions: readonly DigestSubmission[];
  needsYou: readonly NeedsYouItem[];
  /** Status changes since the last digest. */
  changes: readonly StatusChange[];
  /** ISO-8601 UTC of the last digest sent, or null for the first one. */
  lastDigestAt: string | null;
  remindersSentToday: readonly SentReminder[];
  /** Mail the worker left alone (unrelated since the last digest, old mail never read). */
  leftAlone?: LeftAlone;
  /** Replies the worker wrote into Drafts that are still there (draft mode); null when Drafts could not be read. */
  draftsWaiting?: number | null;
  /** Sender addresses learned from the coordinator's decisions since the last digest. */
  learnedAddresses?: readonly LearnedAddress[];
  /** Files left unopened since the last digest (docs/trust.md, "Say what was not read"); absent means none. */
  unopenedFiles?: UnopenedFiles;
}

export interface UnopenedFiles {
  /** Unopened items: a forwarded message, an archive inside an archive, the attachments past the parser's limit (one item). */
  files: number;
  /** In how many mails. */
  mails: number;
}
