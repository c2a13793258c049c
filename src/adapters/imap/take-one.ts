/**
 * Takes one message: streams it to the sink, then marks it (keyword, move, or a UID in the
 * worker's store). A crash between `take` and the mark means the message is offered again later:
 * intake is at-least-once and the sink de-duplicates (by Message-ID or raw hash).
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { IntakeSink, MailboxStateStore, MarkOptions, Tracking } from './types.js';

export interface TakeOneInput {
  client: ImapFlow;
  folder: string;
  mark: MarkOptions;
  tracking: Tracking;
  state: MailboxStateStore;
  sink: IntakeSink;
  logger: Logger;
  uidValidity: string;
  meta: FetchMessageObject;
}

/** False when the message vanished before it could be downloaded. */
export async function takeOne({ client, folder, mark, tracking, state, sink, logger, uidValidity, meta }: TakeOneInput): Promise<boolean> {
  const uid = meta.uid;
  const range = String(uid);
  // download() of the whole message fetches it in chunks with backpressure, so even a 200 MB
  // message never sits in memory (FETCH with `source: true` would buffer all of it).
  const download = await client.download(range, undefined, { uid: true });
  if (!download.content) {
    logger.info({ folder, uid }, 'message disappeared before it was downloaded');
    return false;
  }
  const source = download.content;
  let result: { messageKey: string; duplicate: boolean };
  try {
    result = await sink.take({
      mailbox: folder,
      uidValidity,
      uid,
      size: meta.size ?? 0,
      internalDate: toIso(meta.internalDate),
      messageIdHeader: meta.envelope?.messageId ?? null,
      source,
    });
    if (!source.readableEnded) throw new Error('the sink resolved before reading the whole message');
  } finally {
    // An unread download would keep the connection busy; destroying it aborts the FETCH chain.
    if (!source.readableEnded) source.destroy();
  }

  if (tracking === 'store') await state.recordTaken(folder, uidValidity, uid);
  else if (mark.keyword) {
    const ok = await client.messageFlagsAdd(range, [mark.keyword], { uid: true });
    if (!ok) throw new Error(`could not add keyword ${mark.keyword} to UID ${uid} in ${folder}`);
  }
  if (mark.moveTo) {
    const moved = await client.messageMove(range, mark.moveTo, { uid: true });
    if (!moved) throw new Error(`could not move UID ${uid} from ${folder} to ${mark.moveTo}`);
  }
  logger.info({ folder, uid, messageKey: result.messageKey, duplicate: result.duplicate }, 'message taken');
  return true;
}

export function toIso(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
