/**
 * Finding what to take in a folder without reading what is not ours to read. Only messages the
 * server says arrived since the opening are looked at (`SEARCH SINCE`, a day early because
 * servers compare dates in their own zone), and their INTERNALDATE is then checked exactly;
 * everything older is counted, never fetched.
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MailboxStateStore, Tracking } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface UntakenQuery {
  client: ImapFlow;
  folder: string;
  tracking: Tracking;
  keyword: string | undefined;
  uidValidity: string;
  state: MailboxStateStore;
  /** The opening instant: nothing received before it is taken. Null: every message is looked at. */
  takeSince: Date | null;
}

/**
 * UIDs not yet taken that may have arrived since the opening, in UID order. With tracking `store`
 * the server cannot say what was taken, so the worker's own record of UIDs is subtracted.
 */
export async function untakenUids(q: UntakenQuery): Promise<number[]> {
  // The keyword (or the message's presence in the folder, with MOVE) is the record of what was
  // taken — not lastUid: a message whose take failed stays below later UIDs and must still be found.
  // `\Seen` is never the signal; the coordinator reads this mailbox too.
  const since = q.takeSince ? { since: new Date(q.takeSince.getTime() - DAY_MS) } : {};
  const query = q.tracking === 'keyword' && q.keyword ? { unKeyword: q.keyword, ...since } : q.takeSince ? since : { all: true };
  const found = await q.client.search(query, { uid: true });
  if (!Array.isArray(found)) throw new Error(`SEARCH in ${q.folder} was refused`);
  let uids = [...found].sort((a, b) => a - b);
  if (q.tracking === 'store' && uids.length > 0) {
    const taken = await q.state.takenAmong(q.folder, q.uidValidity, uids);
    uids = uids.filter((u) => !taken.has(u));
  }
  return uids;
}

/** Whether a fetched message arrived before the opening (no INTERNALDATE: it cannot be told, so not). */
export function arrivedBefore(meta: Pick<FetchMessageObject, 'internalDate'>, opening: Date | null): boolean {
  if (!opening || meta.internalDate === undefined) return false;
  const at = meta.internalDate instanceof Date ? meta.internalDate.getTime() : Date.parse(meta.internalDate);
  return !Number.isNaN(at) && at < opening.getTime();
}

/**
 * How many messages in the folder arrived before the opening: those `SEARCH SINCE` leaves out,
 * plus those in the day-early margin whose INTERNALDATE is before the instant. Only dates are fetched.
 */
export async function countLeftAlone(client: ImapFlow, folder: string, exists: number, opening: Date): Promise<number> {
  const sinceDay = new Date(opening.getTime() - DAY_MS);
  const recent = await client.search({ since: sinceDay }, { uid: true });
  if (!Array.isArray(recent)) throw new Error(`SEARCH in ${folder} was refused`);
  const margin = await client.search({ since: sinceDay, before: new Date(opening.getTime() + 2 * DAY_MS) }, { uid: true });
  if (!Array.isArray(margin)) throw new Error(`SEARCH in ${folder} was refused`);
  const dates = margin.length ? await client.fetchAll(margin.join(','), { uid: true, internalDate: true }, { uid: true }) : [];
  return Math.max(0, exists - recent.length) + dates.filter((m) => arrivedBefore(m, opening)).length;
}
