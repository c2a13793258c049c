/**
 * Table shapes for Kysely. Portable by design (docs/architecture.md, "Portable storage"): ids are application-made text,
 * JSON is stored as text, times are ISO-8601 UTC text, and nothing engine-specific is used.
 */
import type { Generated } from 'kysely';

export interface MailboxStateTable {
  mailbox: string;
  uid_validity: string;
  last_uid: number;
  last_round_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  updated_at: string;
  /** `keyword`, `store` (the server has no keywords: UIDs in taken_uids) or `move`; null before a round. */
  tracking: string | null;
  /** Messages in the folder received before the call opened, never taken; null before counted. */
  left_alone: number | null;
}

/** UIDs taken from a folder whose server cannot keep the worker's keyword. */
export interface TakenUidTable {
  mailbox: string;
  uid_validity: string;
  uid: number;
  taken_at: string;
}

/** Lifecycle of a stored message: stored → ingested (parsed and classified) | failed. */
export type MessageState = 'stored' | 'ingested' | 'failed';

export interface MessageTable {
  /** sha256 of the dedupe key, hex: the message's id everywhere (and its job ids). */
  id: string;
  /** `mid:<Message-ID>` or `sha:<raw sha256>` when the message has no Message-ID. */
  dedupe_key: string;
  raw_sha256: string;
  size: number;
  /** `imap` or `import`. */
  source: string;
  mailbox: string | null;
  uid_validity: string | null;
  uid: number | null;
  internal_date: string | null;
  stored_at: string;
  state: MessageState;
  kind: string | null;
  kind_reason: string | null;
  message_id: string | null;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  sent_at: string | null;
  received_at: string | null;
  in_reply_to: string | null;
  /** JSON: everything else of the ParsedMessage (addresses, references, links, headers, warnings). */
  parsed_json: string | null;
  ingest_error: string | null;
  ingested_at: string | null;
}

export interface AttachmentTable {
  message_id: string;
  part: string;
  filename: string;
  declared_type: string;
  sniffed_type: string;
  size: number;
  sha256: string;
  nested_in: string | null;
}

/** Things a person should know about that are not a submission: intake stalls, failed jobs, … */
export interface IncidentTable {
  id: string;
  kind: string;
  /** What it is about (a mailbox, a job id); with kind, the unique key of an open incident. */
  subject: string;
  detail: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  count: Generated<number>;
}

export interface SubmissionTable {
  id: string;
  unit: string;
  deliverable: string;
  reference: string;
  current_version_id: string | null;
  report_parts_json: string | null;
  created_at: string;
  updated_at: string;
}

/** `accepted` … `held` as judged; see src/domain/submissions/ for the rules. */
import type { SubmissionStatus } from '../../domain/submissions/submission-status.js';

export type VersionStatus = SubmissionStatus;

export interface SubmissionVersionTable {
  id: string;
  message_id: string;
  deliverable: string;
  submission_id: string | null;
  unit: string | null;
  version: number | null;
  status: VersionStatus;
  late: number;
  received_at: string;
  detail_json: string;
  error_count: number;
  warning_count: number;
  activity_count: number;
  judged_at: string;
}

export interface ProblemTable {
  version_id: string;
  ordinal: number;
  code: string;
  severity: string;
  form: string | null;
  sheet: string | null;
  cell: string | null;
  column_name: string | null;
  value: string | null;
  message: string;
}

export interface ActivityRowTable {
  version_id: string;
  form: string;
  row_number: number;
  values_json: string;
}

/**
 * SMTP rows: `pending` → `sending` → `sent` (a transient failure back to `pending`), or
 * `uncertain`: the attempt died between `sending` and an outcome and no copy is in Sent, so it
 * is not sent again; a copy waits in Drafts and an incident tells the coordinator
 * (src/adapters/smtp/deliver-once.ts). Draft rows: `pending` → `drafting` → `drafted`.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'uncertain' | 'drafting' | 'drafted' | 'refused' | 'failed';

/** How an outbox row leaves: sent by SMTP, or written into the mailbox's Drafts for the coordinator. */
export type OutboxChannel = 'smtp' | 'draft';

export interface OutboxTable {
  id: string;
  purpose: 'reply' | 'reminder' | 'digest' | 'notice' | 'alert';
  subject_key: string;
  message_id: string;
  recipient: string;
  kind: string | null;
  title: string;
  status: OutboxStatus;
  channel: Generated<OutboxChannel>;
  reason: string | null;
  raw_sha256: string | null;
  submission_id: string | null;
  version_ids_json: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When the current SMTP attempt began (migration 007); null on rows never sent since. */
  sending_at: Generated<string | null>;
  /**
   * The SHA-256 of each file attached to the mail (a JSON array, `[]` for none; migration 009),
   * for ingest's "already exchanged" (docs/trust.md, "No loops"). NULL on a row without a mail
   * (a refusal) and on rows written before migration 009.
   */
  attachment_sha256_json: string | null;
}

export interface SuppressionTable {
  address: string;
  reason: string;
  source_message_id: string | null;
  created_at: string;
}

export interface CoordinatorDecisionTable {
  message_id: string;
  target_message_id: string;
  action: 'assign' | 'accept';
  unit: string | null;
  authenticated: number;
  auth_detail: string;
  created_at: string;
}

export interface LearnedAddressTable {
  address: string;
  unit: string;
  source_message_id: string;
  decision_message_id: string;
  learned_at: string;
}

export interface Database {
  mailbox_state: MailboxStateTable;
  taken_uids: TakenUidTable;
  messages: MessageTable;
  attachments: AttachmentTable;
  incidents: IncidentTable;
  submissions: SubmissionTable;
  submission_versions: SubmissionVersionTable;
  problems: ProblemTable;
  activity_rows: ActivityRowTable;
  outbox: OutboxTable;
  suppressions: SuppressionTable;
  coordinator_decisions: CoordinatorDecisionTable;
  learned_addresses: LearnedAddressTable;
}
