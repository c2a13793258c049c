/**
 * The plain data a reply is composed from. The `reply` job gathers it from the store (the
 * submission, its latest version, the judged forms, the accumulated report parts) and the campaign;
 * composition then needs nothing else — no clock, no store, no config module.
 */
import type { Address } from '../mail/message.js';
import type { Problem } from '../forms/problem.js';
import type { FormId } from '../forms/types.js';
import type { FileRole } from '../recognition/file-role.js';
import type { MissingReportPart } from '../recognition/report-parts.js';

export type ReplyLanguage = 'zh' | 'en';

/**
 * The verdict on one deliverable of this version:
 * - `accepted`: no problem at all;
 * - `accepted_with_warnings`: only warnings (listed as 建议修改, nothing blocks);
 * - `needs_correction`: at least one error;
 * - `incomplete`: no error, but a required report part is still missing.
 */
import type { DeliverableStatus } from '../submissions/submission-status.js';

export type { DeliverableStatus };

export interface DeliverableOutcome {
  deliverable: FormId;
  /** The campaign's title of the deliverable, e.g. `特色群众性主题实践活动推荐表（附件1）`. */
  title: string;
  status: DeliverableStatus;
  /** Arrived after the due date (see `isLate`); late mail is accepted and said so politely. */
  late: boolean;
  /** Due date as YYYY-MM-DD (Asia/Shanghai, inclusive). */
  due: string;
  /** Activity rows read from this deliverable's form (0 when no form was read). */
  activities: number;
  /** Problems of this deliverable: its form's, and file-level ones (`form: null`) about its files. */
  problems: readonly Problem[];
  /** Report only: required parts still missing after merging all versions (`missingReportParts`). */
  missingParts: readonly MissingReportPart[];
  /** Report only: recommended activities absent from the report (information, not an error). */
  notReported: readonly string[];
}

export interface ReceivedFile {
  /** The sender's file name (or path inside a zip): unit-controlled text, escaped when echoed. */
  filename: string;
  role: FileRole;
}

export interface ReceivedLink {
  url: string;
  label: string | null;
  role: FileRole;
}

/** What changed since the previous version of the same submission (see `describeChanges`). */
export interface SubmissionChanges {
  /** Problems of the previous version that are gone now. */
  fixed: Problem[];
  /** Problems this version has that the previous did not. */
  newProblems: Problem[];
  /** Activity names added or removed, as written in the forms. */
  rowsAdded: string[];
  rowsRemoved: string[];
}

/** The unit's message being answered. */
export interface OriginalMessage {
  /** Message-ID without angle brackets, or null when it had none. */
  messageId: string | null;
  inReplyTo?: string | null;
  references: readonly string[];
  subject: string;
  from: Address;
}

export interface ReplyInput {
  language: ReplyLanguage;
  /** The campaign's name, used to sign the mail. */
  campaignName: string;
  /** The unit's registry name (held submissions are never answered, so it is always known). */
  unitName: string;
  /** Short reference of the submission, e.g. `R-7K3F9Q` (see `submissionReference`). */
  reference: string;
  /** 1 for the first version; each reply to a correction request adds one. */
  version: number;
  /** When the message arrived, ISO-8601. */
  receivedAt: string;
  deliverables: readonly DeliverableOutcome[];
  /** Problems of the mail that belong to no deliverable (nothing recognisable attached, say). */
  mailProblems?: readonly Problem[];
  files: readonly ReceivedFile[];
  links: readonly ReceivedLink[];
  changes: SubmissionChanges | null;
  /** File names of the annotated workbook copies attached to this reply (empty when none). */
  annotatedAttachments: readonly string[];
  /** Who a person can write to: the campaign's coordinator. */
  contact: { name: string; address: string };
  original: OriginalMessage;
}
