/**
 * Which definition column a header path names. Tried from the surest to the weakest:
 *   1. an alias written as a path, `父/子` (`活动时间/开始`), against the last two segments;
 *   2. the child alone, by label or alias (`开始日期` under 活动时间);
 *   3. parent and child read together, either way round (`线下` under 参与人次 → 线下参与人次,
 *      `篇数` under 媒体报道 → 媒体报道篇数) — how a two-row header is read aloud;
 *   4. a parent that names a column by itself gives it to its first child that names nothing
 *      (`姓名` under 负责人 → 负责人).
 * Each column is taken once, by the leftmost header that names it.
 */
import { normalizeLabel } from '../definition/normalize-label.js';
import type { FormDefinition } from '../types.js';
import type { ColumnPath } from './column-paths.js';

export interface MatchedColumn {
  col: number;
  /** The header as the unit wrote it, for messages: the child, or `父/子` when the child alone does not say it. */
  display: string;
}

/** What matching needs of a definition, whatever the file: built once per definition. */
interface DefinitionIndex {
  /** Normalized label or alias (`父/子` for a path alias) → column key. */
  byText: Map<string, string>;
  /** Column key → its label normalized, and as written. */
  normalizedLabel: Map<string, string>;
  label: Map<string, string>;
  /**
   * The lengths of byText's keys: a parent and child read together are looked up only when
   * their length is one of these (most paths, an activity row's texts, are not), so the joined
   * text is not built for every path of every band tried.
   */
  lengths: Set<number>;
}

/**
 * Per definition object: a reading process keeps its definitions (read-pool.ts), so the index is
 * built once, not for each of the ~240 header bands tried per sheet.
 */
const indexes = new WeakMap<FormDefinition, DefinitionIndex>();

function definitionIndex(def: FormDefinition): DefinitionIndex {
  let found = indexes.get(def);
  if (found) return found;
  const byText = new Map<string, string>();
  for (const c of def.columns) {
    for (const t of [c.label, ...c.aliases]) {
      const k = t.split('/').map(normalizeLabel).join('/');
      if (!byText.has(k)) byText.set(k, c.key);
    }
  }
  found = {
    byText,
    lengths: new Set([...byText.keys()].map((k) => k.length)),
    normalizedLabel: new Map(def.columns.map((c) => [c.key, normalizeLabel(c.label)])),
    label: new Map(def.columns.map((c) => [c.key, c.label])),
  };
  indexes.set(def, found);
  return found;
}

export function matchColumns(paths: readonly ColumnPath[], def: FormDefinition): Map<string, MatchedColumn> {
  const { byText: index, normalizedLabel, label, lengths } = definitionIndex(def);
  const found = new Map<string, MatchedColumn>();
  let unnamed: ColumnPath[] | null = null;
  for (const p of paths) {
    const n = p.segments.length;
    if (n === 0) continue;
    const child = p.segments[n - 1]!;
    const nc = normalizeLabel(child);
    const byChild = index.get(nc);
    if (n === 1) {
      if (byChild !== undefined && !found.has(byChild)) found.set(byChild, { col: p.col, display: label.get(byChild)! });
      continue;
    }
    const parent = p.segments[n - 2]!;
    const np = normalizeLabel(parent);
    const joined = np.length + nc.length;
    const key = (lengths.has(joined + 1) ? index.get(`${np}/${nc}`) : undefined) ?? byChild
      ?? (lengths.has(joined) ? index.get(np + nc) ?? index.get(nc + np) : undefined);
    if (key === undefined) {
      (unnamed ??= []).push(p);
    } else if (!found.has(key)) {
      // The child alone is shown when it is the column's own label; otherwise the path says more.
      found.set(key, { col: p.col, display: normalizedLabel.get(key) === nc ? clean(child) : `${clean(parent)}/${clean(child)}` });
    }
  }
  for (const p of unnamed ?? []) {
    const parent = p.segments[p.segments.length - 2]!;
    const owner = p.owners[p.segments.length - 2]!;
    const firstUnnamedChild = unnamed!.find((q) => q.owners[q.segments.length - 2] === owner && q.segments[q.segments.length - 2] === parent);
    const key = index.get(normalizeLabel(parent));
    if (firstUnnamedChild === p && key !== undefined && !found.has(key)) {
      found.set(key, { col: p.col, display: `${clean(parent)}/${clean(p.segments[p.segments.length - 1]!)}` });
    }
  }
  return found;
}

/** A header text for messages: line breaks and spaces inside a cell removed. */
function clean(text: string): string {
  return text.replace(/\s+/g, '');
}
