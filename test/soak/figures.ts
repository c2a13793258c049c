/**
 * The digest's headline figures two ways: as the digest states them (`inbox-worker digest` prints
 * the text part) and as a recount straight from the store's submission versions. The recount
 * replays, in judging order (version numbers), which version became current — the later-arrived
 * one, if it may replace the one before (`replacesCurrent`, docs/forms.md: a mail without a form
 * never replaces one with a form) — so a digest or a `current_version_id` left behind by a race
 * between processes is caught. The rule is the domain's; the bookkeeping is checked.
 */
import { versionDetailCodec } from '../../src/adapters/store/codecs.js';
import type { Store } from '../../src/adapters/store/store.js';
import { DELIVERABLE_SHORT_LABELS } from '../../src/domain/digest/labels.js';
import { replacesCurrent, storedContent } from '../../src/domain/submissions/current-version.js';

export type Figures = Map<string, { done: number; pending: number; missing: number }>;

/** `推荐表：已通过 3/20，待处理 2，未提交 15；…` lines of the digest's text. */
export function parseDigestFigures(text: string): Figures {
  const out: Figures = new Map();
  for (const m of text.matchAll(/^\s*(\S+?)：已通过 (\d+)\/(\d+)，待处理 (\d+)，未提交 (\d+)/gm)) out.set(m[1]!, { done: Number(m[2]), pending: Number(m[4]), missing: Number(m[5]) });
  return out;
}

interface VersionRow {
  id: string;
  submission_id: string | null;
  unit: string | null;
  deliverable: string;
  version: number | null;
  status: string;
  received_at: string;
  detail_json: string;
}

/** Per submission id: the versions in judging order and the one that should be current. */
async function replayCurrent(store: Store): Promise<Map<string, { current: VersionRow; all: VersionRow[] }>> {
  const rows = (await store.db.selectFrom('submission_versions').select(['id', 'submission_id', 'unit', 'deliverable', 'version', 'status', 'received_at', 'detail_json']).where('submission_id', 'is not', null).execute()) as VersionRow[];
  rows.sort((a, b) => Number(a.version ?? 0) - Number(b.version ?? 0));
  const out = new Map<string, { current: VersionRow; all: VersionRow[] }>();
  const content = (v: VersionRow) => storedContent(versionDetailCodec.decode(v.detail_json));
  for (const v of rows) {
    const entry = out.get(v.submission_id!);
    if (!entry) {
      out.set(v.submission_id!, { current: v, all: [v] });
      continue;
    }
    entry.all.push(v);
    if (entry.current.received_at <= v.received_at && replacesCurrent(content(v), content(entry.current))) entry.current = v;
  }
  return out;
}

export async function recountFigures(store: Store, units: readonly string[]): Promise<Figures> {
  const current = new Map<string, string>();
  for (const { current: v } of (await replayCurrent(store)).values()) if (v.unit && units.includes(v.unit)) current.set(`${v.deliverable}\u0000${v.unit}`, v.status);
  const out: Figures = new Map();
  for (const [deliverable, label] of Object.entries(DELIVERABLE_SHORT_LABELS)) {
    let done = 0;
    let pending = 0;
    for (const unit of units) {
      const s = current.get(`${deliverable}\u0000${unit}`);
      if (s === 'accepted' || s === 'accepted_with_warnings') done++;
      else if (s) pending++;
    }
    out.set(label, { done, pending, missing: units.length - done - pending });
  }
  return out;
}

/** Submissions whose `current_version_id` is not the version the replay makes current. */
export async function staleCurrentVersions(store: Store): Promise<string[]> {
  const replay = await replayCurrent(store);
  const subs = await store.db.selectFrom('submissions').select(['id', 'unit', 'deliverable', 'current_version_id']).execute();
  const out: string[] = [];
  for (const s of subs) {
    const r = replay.get(s.id);
    if (r && r.current.id !== s.current_version_id) {
      out.push(`${s.unit}/${s.deliverable}: current ${s.current_version_id?.slice(0, 8)}, expected ${r.current.id.slice(0, 8)} (v${r.current.version}); versions ${r.all.map((v) => `v${v.version}=${v.status}@${v.received_at}`).join(' ')}`);
    }
  }
  return out;
}
