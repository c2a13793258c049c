/**
 * Taking messages: each is streamed to the sink, and marked (keyword, move, or a UID in the
 * worker's store) only once the sink has it. A crash between the two means the message is
 * offered again later: intake is at-least-once and the sink de-duplicates (by Message-ID or raw
 * hash).
 *
 * The IMAP connection runs one command at a time, so downloads follow each other; what the sink
 * does after the last byte (fsync, the row, the ingest job) overlaps the next download, and the
 * marks of a round's messages go out together (`markTaken`). One message at a time, download →
 * store → mark, the watcher waited on a disk flush and two round trips per message, and
 * delivered at most a few dozen messages a second whatever the rest of the worker could do
 * (bench/README.md).
 */
import { finished } from 'node:stream/promises';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { IntakeSink, MailboxStateStore, MarkOptions, Tracking } from './types.js';

export interface TakeInput {
  client: ImapFlow;
  folder: string;
  sink: IntakeSink;
  logger: Logger;
  uidValidity: string;
  meta: FetchMessageObject;
}

/** A message whose bytes have all been read from the server; `stored` settles when the sink has it. */
export interface StartedTake {
  uid: number;
  stored: Promise<{ messageKey: string; duplicate: boolean }>;
  /** The sink has already given up on this message (known as soon as it happened). */
  failed(): boolean;
}

/**
 * Downloads one message into the sink and resolves as soon as the connection is free for the
 * next command: every byte read, or the sink given up. Null when the message vanished first.
 */
export async function startTake({ client, folder, sink, logger, uidValidity, meta }: TakeInput): Promise<StartedTake | null> {
  const uid = meta.uid;
  // download() of the whole message fetches it in chunks with backpressure, so even a 200 MB
  // message never sits in memory (FETCH with `source: true` would buffer all of it).
  const download = await client.download(String(uid), undefined, { uid: true });
  if (!download.content) {
    logger.info({ folder, uid }, 'message disappeared before it was downloaded');
    return null;
  }
  const source = download.content;
  const stored = sink
    .take({
      mailbox: folder,
      uidValidity,
      uid,
      size: meta.size ?? 0,
      internalDate: toIso(meta.internalDate),
      messageIdHeader: meta.envelope?.messageId ?? null,
      source,
    })
    .then((result) => {
      if (!source.readableEnded) throw new Error('the sink resolved before reading the whole message');
      return result;
    })
    .finally(() => {
      // An unread download would keep the connection busy; destroying it aborts the FETCH chain.
      if (!source.readableEnded) source.destroy();
    });
  let failed = false;
  const settled = stored.then(() => undefined, () => void (failed = true));
  await Promise.race([finished(source).catch(() => undefined), settled]);
  return { uid, stored, failed: () => failed };
}

export interface MarkInput {
  client: ImapFlow;
  folder: string;
  mark: MarkOptions;
  tracking: Tracking;
  state: MailboxStateStore;
  uidValidity: string;
}

/** Marks messages the sink has: one STORE (and one MOVE) for all of them. */
export async function markTaken({ client, folder, mark, tracking, state, uidValidity }: MarkInput, uids: readonly number[]): Promise<void> {
  if (uids.length === 0) return;
  const range = uids.join(',');
  if (tracking === 'store') {
    for (const uid of uids) await state.recordTaken(folder, uidValidity, uid);
  } else if (mark.keyword) {
    const ok = await client.messageFlagsAdd(range, [mark.keyword], { uid: true });
    if (!ok) throw new Error(`could not add keyword ${mark.keyword} to UIDs ${range} in ${folder}`);
  }
  if (mark.moveTo) {
    const moved = await client.messageMove(range, mark.moveTo, { uid: true });
    if (!moved) throw new Error(`could not move UIDs ${range} from ${folder} to ${mark.moveTo}`);
  }
}

export function toIso(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
