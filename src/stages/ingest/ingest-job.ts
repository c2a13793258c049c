/**
 * The `ingest` job: read a stored raw message from the blob store, parse it (attachments stream
 * into the blob store), classify it and record the result. Idempotent: a message already ingested
 * is passed on again, never parsed twice into different rows.
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import { classifyMessage } from '../../domain/mail/classify.js';
import { referencedIds } from '../../domain/recognition/resubmission.js';
import type { Classification, ParsedMessage } from '../../domain/mail/message.js';
import { isInOurThread } from '../../domain/mail/thread-follow-up.js';
import { parseStoredMessage, UnreadableMessageError } from '../../adapters/mime/parse-stored-message.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import { asIngested, type MessageRepo } from '../../adapters/store/message-repo.js';

export interface IngestJobDeps {
  blobs: BlobStore;
  messages: MessageRepo;
  incidents: IncidentRepo;
  mailboxAddress: string;
  /** Whether one of these Message-IDs is a mail we sent (a reply or a digest): the thread is ours. */
  isOurMail(messageIds: readonly string[]): Promise<boolean>;
  /** Which of the mail's files were already exchanged with its sender (exchanged-files.ts). */
  exchangedFiles(parsed: ParsedMessage, messageId: string): Promise<ReadonlySet<string>>;
  /** Her own questions in a thread are her commands (stages/coordinator), never an item in her digest. */
  coordinatorAddress: string;
  /**
   * Hands an ingested message to the next stage (validation), or does nothing for machine mail.
   * `mail` is what ingest read of it (null when it is not readable as mail), so it is not read again.
   */
  onIngested(messageId: string, verdict: Classification, mail: IngestedMail | null): Promise<void>;
  now(): Date;
  logger: Logger;
}

/** An ingested message as ingest holds it. */
export interface IngestedMail {
  parsed: ParsedMessage;
  rawSha256: string;
}

export function createIngestJob(deps: IngestJobDeps) {
  return async function ingest(messageId: string): Promise<void> {
    const row = await deps.messages.get(messageId);
    if (!row) throw new Error(`message ${messageId} is not in the store`);
    const log = deps.logger.child({ messageKey: messageId });
    if (row.state === 'ingested') {
      const stored = asIngested(row);
      await deps.onIngested(messageId, stored?.verdict ?? { kind: 'unreadable', reason: row.kind_reason ?? 'not readable as mail' }, stored ? { parsed: stored.parsed, rawSha256: row.raw_sha256 } : null);
      return;
    }
    const at = deps.now().toISOString();
    try {
      const parsed = await parseStoredMessage({
        source: deps.blobs.createReadStream(row.raw_sha256),
        putBlob: (stream) => deps.blobs.putStream(stream),
        logger: log,
      });
      // Enough of the thread to find our mail in it; References can be long, the nearest ids matter.
      const referencesOurMail = await deps.isOurMail(referencedIds(parsed).slice(0, 20));
      // A reply in our thread with files: are they new? Looked up only then (docs/trust.md, "No loops").
      const inThreadWithFiles = isInOurThread(parsed, referencesOurMail) && parsed.links.length === 0 && parsed.attachments.length > 0;
      const exchangedFiles = inThreadWithFiles ? await deps.exchangedFiles(parsed, messageId) : undefined;
      const verdict = classifyMessage(parsed, { mailboxAddress: deps.mailboxAddress, referencesOurMail, ...(exchangedFiles ? { exchangedFiles } : {}) });
      await deps.messages.recordIngested(messageId, parsed, verdict, at);
      if (verdict.kind === 'follow_up' && verdict.question && parsed.from.address !== deps.coordinatorAddress.toLowerCase()) {
        // Not answered (no loops); a person who asks is put on the coordinator's list, once per sender with a count.
        await deps.incidents.record('unit_question', parsed.from.address || '（无发件地址）', `回复“${parsed.subject}”时写道：“${verdict.question}”（未自动回复，请您直接答复）`, at);
      }
      // No subject or sender in the log: most mail in the coordinator's mailbox is hers, not the call's.
      log.info({ kind: verdict.kind, attachments: parsed.attachments.length }, 'message ingested');
      await deps.onIngested(messageId, verdict, { parsed, rawSha256: row.raw_sha256 });
    } catch (err) {
      // Not mail at all: a permanent fact about the message, recorded for the coordinator, not retried.
      if (err instanceof UnreadableMessageError) {
        await deps.messages.recordUnreadable(messageId, err.message, at);
        await deps.incidents.record('unreadable_message', messageId, err.message, at);
        log.warn({ err: err.message }, 'message is not readable as mail');
        await deps.onIngested(messageId, { kind: 'unreadable', reason: err.message }, null);
        return;
      }
      throw err;
    }
  };
}
