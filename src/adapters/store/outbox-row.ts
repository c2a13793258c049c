/**
 * The one way an outbox row is made. Every mail the worker sends (reply, reminder, digest, alert)
 * and every reply it decided not to send is claimed through a row built here, so the columns
 * are filled the same way everywhere and a new column is added in one place.
 */
import { attachmentDigestsCodec } from './codecs.js';
import type { NewOutboxRow } from './outbox-repo.js';
import type { OutboxChannel, OutboxTable } from './schema.js';

export interface OutboxMail {
  id: string;
  purpose: OutboxTable['purpose'];
  /** What the row is unique for within its purpose: the answered mail, the unit and day, the day. */
  subjectKey: string;
  /** The Message-ID of the mail to send, without angle brackets. */
  messageId: string;
  recipient: string;
  kind?: string | null;
  title: string;
  /** The composed mail's bytes in the blob store. */
  rawSha256: string;
  /**
   * The SHA-256 of each file attached to that mail (`attachmentDigests` of what was built), so
   * ingest knows them when they come back without parsing the mail again (docs/trust.md, "No loops").
   */
  attachmentSha256: readonly string[];
  channel?: OutboxChannel;
  submissionId?: string | null;
  versionIds?: readonly string[] | null;
  at: Date;
}

/** A mail to send, pending until delivered once (src/adapters/smtp/deliver-once.ts). */
export function outboxMail(m: OutboxMail): NewOutboxRow {
  return {
    id: m.id,
    purpose: m.purpose,
    subject_key: m.subjectKey,
    message_id: m.messageId,
    recipient: m.recipient,
    kind: m.kind ?? null,
    title: m.title,
    status: 'pending',
    channel: m.channel ?? 'smtp',
    reason: null,
    raw_sha256: m.rawSha256,
    submission_id: m.submissionId ?? null,
    version_ids_json: m.versionIds ? JSON.stringify(m.versionIds) : null,
    created_at: m.at.toISOString(),
    attachment_sha256_json: attachmentDigestsCodec.encode([...m.attachmentSha256]),
  };
}

/** A reply decided against (machine mail, rate limit, outside the domains): kept so it is decided once. */
export function outboxRefusal(r: { id: string; subjectKey: string; recipient: string; reason: string; title: string; at: Date }): NewOutboxRow {
  return {
    id: r.id,
    purpose: 'reply',
    subject_key: r.subjectKey,
    message_id: `none.${r.subjectKey}`,
    recipient: r.recipient,
    kind: null,
    title: r.title,
    status: 'refused',
    reason: r.reason,
    raw_sha256: null,
    submission_id: null,
    version_ids_json: null,
    created_at: r.at.toISOString(),
    attachment_sha256_json: null,
  };
}
