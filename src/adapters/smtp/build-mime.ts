/**
 * Builds the exact bytes of an outgoing mail once, so that a retry sends the very same message
 * (same Message-ID, same body) and the copy in the Sent folder is what the unit received.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { BlobStore } from '../blobs/blob-store.js';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string }[];
  cc?: { name: string; address: string }[];
  subject: string;
  text: string;
  html: string;
  /** With angle brackets. */
  messageId: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType?: string; cid?: string; inline?: boolean }[];
  date: Date;
}

export async function buildMime(mail: OutgoingMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    headers: mail.headers,
    date: mail.date,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      ...(a.cid ? { cid: a.cid } : {}),
      ...(a.inline ? { contentDisposition: 'inline' as const } : {}),
    })),
  });
  return composer.compile().build();
}

/**
 * The SHA-256 (hex) of each file attached to the mail, in order: what its outbox row keeps so
 * that ingest recognises those files when a unit sends them back (docs/trust.md, "No loops").
 * The attachments' bytes as given are the bytes a parse of the built mail finds.
 */
export function attachmentDigests(mail: Pick<OutgoingMail, 'attachments'>): string[] {
  return (mail.attachments ?? []).map((a) => createHash('sha256').update(a.content).digest('hex'));
}

/** An outgoing mail built once and kept: its bytes, their blob, and its files' digests for the outbox row. */
export interface StoredOutgoing {
  raw: Buffer;
  rawSha256: string;
  attachmentSha256: string[];
}

/**
 * Builds the mail's bytes and stores them in the blob store before anything is claimed or sent
 * (a retry and the Sent copy use these very bytes); every writer of an outbox row goes through it,
 * so no row misses its attachments' digests.
 */
export async function buildAndStore(mail: OutgoingMail, blobs: Pick<BlobStore, 'putBuffer'>): Promise<StoredOutgoing> {
  const raw = await buildMime(mail);
  const stored = await blobs.putBuffer(raw);
  return { raw, rawSha256: stored.sha256, attachmentSha256: attachmentDigests(mail) };
}
