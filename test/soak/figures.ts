/**
 * The digest's headline figures two ways: as the digest states them (`inbox-worker digest` prints
 * the text part) and as a recount straight from the store's submission versions — for each
 * registry unit and deliverable the version of the latest mail (by its arrival time; among mails
 * that arrived at the same time, the one judged last), as promoteIfLatest means it — so a digest
 * that reads a stale or wrong "current" version is caught.
 */
import type { Store } from '../../src/adapters/store/store.js';
import { DELIVERABLE_SHORT_LABELS } from '../../src/domain/digest/labels.js';

export type Figures = Map<string, { done: number; pending: number; missing: number }>;

/** `推荐表：已通过 3/20，待处理 2，未提交 15；…` lines of the digest's text. */
export function parseDigestFigures(text: string): Figures {
  const out: Figures = new Map();
  for (const m of text.matchAll(/^\s*(\S+?)：已通过 (\d+)\/(\d+)，待处理 (\d+)，未提交 (\d+)/gm)) out.set(m[1]!, { done: Number(m[2]), pending: Number(m[4]), missing: Number(m[5]) });
  return out;
}

export async function recountFigures(store: Store, units: readonly string[]): Promise<Figures> {
  const rows = await store.db.selectFrom('submission_versions').select(['unit', 'deliverable', 'version', 'status', 'received_at']).where('submission_id', 'is not', null).execute();
  const current = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (!r.unit || !units.includes(r.unit)) continue;
    const key = `${r.deliverable}\u0000${r.unit}`;
    const before = current.get(key);
    if (!before || later(r, before)) current.set(key, r);
  }
  const out: Figures = new Map();
  for (const [deliverable, label] of Object.entries(DELIVERABLE_SHORT_LABELS)) {
    let done = 0;
    let pending = 0;
    for (const unit of units) {
      const s = current.get(`${deliverable}\u0000${unit}`)?.status;
      if (s === 'accepted' || s === 'accepted_with_warnings') done++;
      else if (s) pending++;
    }
    out.set(label, { done, pending, missing: units.length - done - pending });
  }
  return out;
}

/** Whether version `a` is the current one rather than `b`: the later arrival, then the later judgement. */
function later(a: { received_at: string; version: number | null }, b: { received_at: string; version: number | null }): boolean {
  return a.received_at > b.received_at || (a.received_at === b.received_at && Number(a.version ?? 0) > Number(b.version ?? 0));
}

/** Submissions whose current version is not the latest by that rule: what a figure mismatch comes from. */
export async function staleCurrentVersions(store: Store): Promise<string[]> {
  const subs = await store.db.selectFrom('submissions').select(['id', 'unit', 'deliverable', 'current_version_id']).execute();
  const versions = await store.db.selectFrom('submission_versions').select(['id', 'submission_id', 'version', 'status', 'message_id', 'judged_at', 'received_at']).where('submission_id', 'is not', null).execute();
  const out: string[] = [];
  for (const s of subs) {
    const mine = versions.filter((v) => v.submission_id === s.id).sort((a, b) => (later(a, b) ? 1 : later(b, a) ? -1 : 0));
    const top = mine[mine.length - 1];
    if (top && top.id !== s.current_version_id) {
      out.push(`${s.unit}/${s.deliverable}: current ${s.current_version_id}, versions ${mine.map((v) => `v${v.version}=${v.status} received ${v.received_at} judged ${v.judged_at} (${v.id.slice(0, 8)}, msg ${v.message_id.slice(0, 8)})`).join(' ')}`);
    }
  }
  return out;
}
