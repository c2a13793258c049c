/**
 * The SHA-256 of every attachment of a mail the worker itself built (a reply, a reminder): what
 * it sent a recipient, to recognise those files when they come back (src/stages/ingest/exchanged-files.ts).
 * Only for a mail whose outbox row was written before migration 009; later rows keep the digests.
 * Our own mail is small and trusted, so mailparser's whole-message parse is enough here; mail
 * from outside goes through parse-stored-message.ts with its limits.
 */
import crypto from 'node:crypto';
import { simpleParser } from 'mailparser';

export async function attachmentDigestsOfOwnMail(raw: Buffer): Promise<string[]> {
  const parsed = await simpleParser(raw);
  return parsed.attachments.map((a) => crypto.createHash('sha256').update(a.content).digest('hex'));
}
