/**
 * Intake: the one path by which a raw message enters the store, for the IMAP watcher and for
 * `inbox-worker import` alike. It resolves only when the message is durably stored and its ingest
 * job is queued — the watcher marks the message in the mailbox after that, never before.
 */
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import { messageIdOf } from '../../domain/mail/message-id.js';
import { headerBlockOf, rawHeaderValue } from '../../domain/mail/raw-header.js';
import type { MessageRepo } from '../../adapters/store/message-repo.js';
import { removeUnused } from '../relevance/leave-alone.js';

export interface IncomingRawMessage {
  source: NodeJS.ReadableStream;
  origin: 'imap' | 'import';
  mailbox: string | null;
  uidValidity: string | null;
  uid: number | null;
  internalDate: string | null;
}

export interface IntakeDeps {
  blobs: BlobStore;
  messages: MessageRepo;
  enqueueIngest(messageId: string): Promise<void>;
  now(): Date;
  logger: Logger;
}

/** How much of a stored message is read to find its headers. */
const HEADER_SCAN_BYTES = 256 * 1024;

export function createIntake(deps: IntakeDeps) {
  return {
    async take(incoming: IncomingRawMessage): Promise<{ messageKey: string; duplicate: boolean }> {
      const head = keepHead(incoming.source, HEADER_SCAN_BYTES);
      const raw = await deps.blobs.putStream(head.stream);
      const messageIdHeader = messageIdOf(rawHeaderValue(headerBlockOf(head.bytes()), 'message-id'));
      // De-duplicate by Message-ID so that a mailbox rebuilt with new UIDs stores nothing twice;
      // a message without one is keyed by its bytes.
      const dedupeKey = messageIdHeader ? `mid:${messageIdHeader}` : `sha:${raw.sha256}`;
      const id = createHash('sha256').update(dedupeKey).digest('hex');
      const { inserted } = await deps.messages.recordStored({
        id,
        dedupeKey,
        rawSha256: raw.sha256,
        size: raw.size,
        source: incoming.origin,
        mailbox: incoming.mailbox,
        uidValidity: incoming.uidValidity,
        uid: incoming.uid,
        internalDate: incoming.internalDate,
        storedAt: deps.now().toISOString(),
      });
      const existing = inserted ? undefined : await deps.messages.get(id);
      // A crash between storing and queueing leaves a row in state `stored`: queue it again
      // (the job id makes a second add a no-op while the first job exists).
      const pending = inserted || existing?.state === 'stored';
      if (pending) await deps.enqueueIngest(id);
      // Mail left alone earlier and offered again (a rescan after UIDVALIDITY changed): its bytes
      // were just written again and must not stay (docs/relevance.md).
      if (existing?.kind === 'unrelated') await removeUnused([raw.sha256], deps);
      deps.logger.debug({ messageKey: id, uid: incoming.uid, duplicate: !inserted }, inserted ? 'message stored' : 'message already stored');
      return { messageKey: id, duplicate: !inserted };
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;

/**
 * The message's bytes pass through on their way to the blob store, and the first `limit` of them
 * are kept: the headers are read from what was stored without reading the blob back.
 */
function keepHead(source: NodeJS.ReadableStream, limit: number): { stream: Transform; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  let kept = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (kept < limit) {
        chunks.push(chunk.subarray(0, limit - kept));
        kept += Math.min(chunk.length, limit - kept);
      }
      done(null, chunk);
    },
  });
  // `pipe` does not forward a source's error; without this a broken source would never end.
  source.on('error', (err: Error) => stream.destroy(err));
  source.pipe(stream);
  return { stream, bytes: () => Buffer.concat(chunks) };
}
