/**
 * Which files of a mail in one of our threads were already exchanged with its sender (docs/trust.md,
 * "No loops"): sent by that sender in an earlier mail, or attached by us to a mail we wrote them
 * (an annotated workbook, a blank template). A reply that brings only such files is nothing new,
 * so an auto-responder that attaches files to its answers cannot keep a loop going.
 *
 * What we attached is read from the outbox, where each row keeps its files' digests (migration
 * 009). Only a row written before that has none: its raw mail is read and parsed, as all were then.
 */
import { attachmentDigestsOfOwnMail } from '../../adapters/mime/attachment-digests.js';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { MessageRepo } from '../../adapters/store/message-repo.js';
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';
import type { ParsedMessage } from '../../domain/mail/message.js';

export interface ExchangedFilesDeps {
  messages: Pick<MessageRepo, 'filesSentBefore'>;
  outbox: Pick<OutboxRepo, 'mailsTo'>;
  /** Read only for our mails written before migration 009. */
  blobs: Pick<BlobStore, 'read'>;
}

/** Our mails to one address looked through, newest first: the rate limit allows 20 a day. */
const OUR_MAILS_LOOKED_AT = 40;

export async function exchangedFiles(parsed: Pick<ParsedMessage, 'from' | 'attachments'>, messageId: string, deps: ExchangedFilesDeps): Promise<Set<string>> {
  const wanted = new Set(parsed.attachments.map((a) => a.sha256));
  const known = await deps.messages.filesSentBefore(parsed.from.address, messageId, [...wanted]);
  if (known.size === wanted.size) return known;
  const ours = await deps.outbox.mailsTo(parsed.from.address, OUR_MAILS_LOOKED_AT);
  const take = (digests: readonly string[]) => {
    for (const sha of digests) if (wanted.has(sha)) known.add(sha);
  };
  for (const mail of ours) take(mail.attachmentSha256 ?? []);
  for (const mail of ours) {
    if (known.size === wanted.size) break;
    if (mail.attachmentSha256 === null) take(await attachmentDigestsOfOwnMail(await deps.blobs.read(mail.rawSha256)));
  }
  return known;
}
