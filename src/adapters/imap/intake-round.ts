/**
 * One round of intake on an open connection: check UIDVALIDITY, find untaken messages that
 * arrived since the opening, take them (take-messages.ts) and mark those the sink has. Mail
 * received before the opening is counted, never downloaded.
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { markTaken, startTake, type StartedTake } from './take-messages.js';
import type { IntakeSink, MailboxStateStore, MarkOptions, Tracking } from './types.js';
import { arrivedBefore, countLeftAlone, untakenUids } from './untaken-messages.js';

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
  /** The opening instant: messages whose INTERNALDATE is before it are never taken. */
  takeSince: Date | null;
  /**
   * Whether to count the mail left alone this round, given the folder's message count (EXISTS):
   * the watcher decides (mailbox-watcher.ts, `LEFT_ALONE_RECOUNT_MS`). Counting costs two
   * SEARCHes over all the mail since the opening.
   */
  leftAloneDue(exists: number): boolean;
}

export interface IntakeRoundResult {
  taken: number;
  /** The batch was full: more messages are probably waiting. */
  full: boolean;
  tracking: Tracking;
  /** Messages received before the opening, when counted this round. */
  leftAlone?: number;
  /** The folder's message count this round (EXISTS). */
  exists: number;
}

/**
 * Messages handed to the sink whose storing (fsync, row, ingest job) may still be finishing
 * while the next one downloads: enough to hide a disk flush, few enough to bound open files.
 */
const STORES_IN_FLIGHT = 8;

export async function runIntakeRound(deps: IntakeRoundDeps): Promise<IntakeRoundResult> {
  const { client, folder, mark, state, sink, batchSize, logger, mayContinue, takeSince } = deps;
  if (mark.moveTo) await ensureFolder(client, mark.moveTo);

  const mailboxLock = await client.getMailboxLock(folder, { description: 'intake round' });
  try {
    // SELECT again every round: getMailboxLock keeps an open folder as it is, and a session that
    // still has a deleted-and-recreated folder selected goes on seeing the old one, with the old
    // UIDVALIDITY (seen with Dovecot). One round trip per round buys a fresh view.
    const mailbox = await client.mailboxOpen(folder);
    const uidValidity = mailbox.uidValidity.toString();
    const tracking = trackingFor(mark, mailbox.permanentFlags);

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

    const leftAlone = takeSince && deps.leftAloneDue(mailbox.exists) ? await countLeftAlone(client, folder, mailbox.exists, takeSince) : undefined;
    const candidates = await untakenUids({ client, folder, tracking, keyword: mark.keyword, uidValidity, state, takeSince });
    const batch = await admitted(client, candidates, batchSize, takeSince);

    const started: StartedTake[] = [];
    for (const meta of batch.metas) {
      // After a failure (the blob store full, the database down) no more is started: what was
      // stored is marked, the rest waits for the next round. A later mail may so be stored before
      // an earlier one; which version is current goes by arrival, not by intake order.
      if (!mayContinue() || started.some((t) => t.failed())) break;
      // The sink's work after the last byte is not waited for, but only so many at once.
      const settling = started.length - STORES_IN_FLIGHT;
      if (settling >= 0) await started[settling]!.stored.catch(() => undefined);
      const take = await startTake({ client, folder, sink, logger, uidValidity, meta });
      if (take) started.push(take);
    }
    const outcomes = await Promise.allSettled(started.map((t) => t.stored));
    const stored = started.flatMap((t, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status === 'rejected') return [];
      logger.info({ folder, uid: t.uid, messageKey: outcome.value.messageKey, duplicate: outcome.value.duplicate }, 'message taken');
      return [t.uid];
    });
    // Stored before marked: only what the sink has is marked, even when another take failed, and
    // only once it is on the disk.
    if (stored.length > 0) await sink.flushStored?.();
    await markTaken({ client, folder, mark, tracking, state, uidValidity }, stored);
    const highest = Math.max(known.lastUid, ...stored);
    if (highest > known.lastUid) await state.save(folder, { uidValidity, lastUid: highest });
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    const taken = stored.length;
    return { taken, full: batch.more, tracking, exists: mailbox.exists, ...(leftAlone === undefined ? {} : { leftAlone }) };
  } finally {
    mailboxLock.release();
  }
}

/**
 * Envelope, size and date of up to `batchSize` messages that arrived since the opening, fetched a
 * batch at a time and collected before any other command: imapflow deadlocks if commands are
 * issued while a fetch is being iterated. Those that arrived before the opening are skipped.
 */
async function admitted(client: ImapFlow, candidates: readonly number[], batchSize: number, takeSince: Date | null): Promise<{ metas: FetchMessageObject[]; more: boolean }> {
  const metas: FetchMessageObject[] = [];
  for (let i = 0; i < candidates.length; i += batchSize) {
    if (metas.length >= batchSize) return { metas, more: true };
    const chunk = candidates.slice(i, i + batchSize);
    const fetched = await client.fetchAll(chunk.join(','), { uid: true, envelope: true, size: true, internalDate: true }, { uid: true });
    const byUid = new Map(fetched.map((m) => [m.uid, m]));
    for (const uid of chunk) {
      const meta = byUid.get(uid);
      // Gone since the SEARCH (moved or expunged by the coordinator's client): nothing to take.
      if (!meta || arrivedBefore(meta, takeSince)) continue;
      if (metas.length >= batchSize) return { metas, more: true };
      metas.push(meta);
    }
  }
  return { metas, more: false };
}

/**
 * A server that does not accept the keyword would silently drop it from STORE, and every round
 * would take the same messages again; there the worker keeps UIDs in its own store instead.
 * RFC 3501 §7.1: `\*` in PERMANENTFLAGS allows new keywords.
 */
export function trackingFor(mark: MarkOptions, permanentFlags: Set<string> | undefined): Tracking {
  if (!mark.keyword) return 'move';
  if (!permanentFlags || permanentFlags.has('\\*') || permanentFlags.has(mark.keyword)) return 'keyword';
  return 'store';
}

async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  // CREATE answers NO [ALREADYEXISTS] (RFC 5530) for an existing folder; imapflow turns that
  // into `created: false`.
  await client.mailboxCreate(path);
}
