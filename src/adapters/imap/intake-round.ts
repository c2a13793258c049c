/**
 * One round of intake on an open connection: check UIDVALIDITY, find untaken messages, and for
 * each one stream it to the sink and only then mark it on the server. A crash between `take` and
 * the mark means the message is offered again later: intake is at-least-once and the sink
 * de-duplicates (by Message-ID or raw hash).
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { IntakeSink, MailboxStateStore, MarkOptions } from './types.js';

export interface IntakeRoundDeps {
  client: ImapFlow;
  folder: string;
  mark: MarkOptions;
  state: MailboxStateStore;
  sink: IntakeSink;
  batchSize: number;
  logger: Logger;
  /** Asked before each message: false (lock lost, stopping) ends the round early. */
  mayContinue: () => boolean;
}

export interface IntakeRoundResult {
  taken: number;
  /** The batch was full: more messages are probably waiting. */
  full: boolean;
}

export async function runIntakeRound(deps: IntakeRoundDeps): Promise<IntakeRoundResult> {
  const { client, folder, mark, state, sink, batchSize, logger, mayContinue } = deps;
  if (mark.moveTo) await ensureFolder(client, mark.moveTo);

  const mailboxLock = await client.getMailboxLock(folder, { description: 'intake round' });
  try {
    // SELECT again every round: getMailboxLock keeps an open folder as it is, and a session that
    // still has a deleted-and-recreated folder selected goes on seeing the old one, with the old
    // UIDVALIDITY (seen with Dovecot). One round trip per round buys a fresh view.
    const mailbox = await client.mailboxOpen(folder);
    const uidValidity = mailbox.uidValidity.toString();
    if (mark.keyword) assertKeywordsAllowed(mailbox.permanentFlags, mark.keyword, folder);

    let known = await state.load(folder);
    if (!known || known.uidValidity !== uidValidity) {
      if (known) {
        // RFC 3501 §2.3.1.1: the old UIDs mean nothing now (folder recreated or rebuilt).
        // Everything untaken is offered again; the sink recognises what it already has.
        logger.warn({ folder, was: known.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: rescanning the folder');
      }
      known = { uidValidity, lastUid: 0 };
      await state.save(folder, known);
    }

    // The keyword (or the message's presence in the folder, with MOVE) is the record of what
    // was taken — not lastUid: a message whose take failed stays below later UIDs and must
    // still be found. `\Seen` is never the signal; the coordinator reads this mailbox too.
    const query = mark.keyword ? { unKeyword: mark.keyword } : { all: true };
    const found = await client.search(query, { uid: true });
    if (!Array.isArray(found)) throw new Error(`SEARCH in ${folder} was refused`);
    const batch = [...found].sort((a, b) => a - b).slice(0, batchSize);

    // Envelope, size and date for the whole batch in one FETCH, collected before any other
    // command: imapflow deadlocks if commands are issued while a fetch is being iterated.
    const metas = batch.length
      ? await client.fetchAll(batch.join(','), { uid: true, envelope: true, size: true, internalDate: true }, { uid: true })
      : [];
    const metaByUid = new Map(metas.map((m) => [m.uid, m]));

    let taken = 0;
    for (const uid of batch) {
      if (!mayContinue()) break;
      const meta = metaByUid.get(uid);
      if (!meta) {
        logger.info({ folder, uid }, 'message disappeared before it was taken');
        continue;
      }
      if (await takeOne({ client, folder, mark, sink, logger, uidValidity, meta })) {
        taken += 1;
        if (uid > known.lastUid) {
          known = { uidValidity, lastUid: uid };
          await state.save(folder, known);
        }
      }
    }
    return { taken, full: found.length > batch.length };
  } finally {
    mailboxLock.release();
  }
}

interface TakeOneInput {
  client: ImapFlow;
  folder: string;
  mark: MarkOptions;
  sink: IntakeSink;
  logger: Logger;
  uidValidity: string;
  meta: FetchMessageObject;
}

/** Streams one message to the sink, then marks it. False when it vanished meanwhile. */
async function takeOne({ client, folder, mark, sink, logger, uidValidity, meta }: TakeOneInput): Promise<boolean> {
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

  if (mark.keyword) {
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

async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  // CREATE answers NO [ALREADYEXISTS] (RFC 5530) for an existing folder; imapflow turns that
  // into `created: false`.
  await client.mailboxCreate(path);
}

/**
 * A server that does not accept the keyword would silently drop it from STORE, and every round
 * would take the same messages again. RFC 3501 §7.1: `\*` in PERMANENTFLAGS allows new keywords.
 */
function assertKeywordsAllowed(permanentFlags: Set<string> | undefined, keyword: string, folder: string): void {
  if (!permanentFlags) return;
  if (permanentFlags.has('\\*') || permanentFlags.has(keyword)) return;
  throw new Error(`folder ${folder} does not accept the keyword ${keyword} (PERMANENTFLAGS lacks \\*); use moveTo marking instead`);
}

function toIso(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
