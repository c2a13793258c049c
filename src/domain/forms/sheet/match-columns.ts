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

export function columnIndex(def: FormDefinition): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of def.columns) {
    for (const t of [c.label, ...c.aliases]) {
      const k = t.split('/').map(normalizeLabel).join('/');
      if (!index.has(k)) index.set(k, c.key);
    }
  }
  return index;
}

export function matchColumns(paths: ColumnPath[], def: FormDefinition, index = columnIndex(def)): Map<string, MatchedColumn> {
  const labels = new Map(def.columns.map((c) => [c.key, normalizeLabel(c.label)]));
  const found = new Map<string, MatchedColumn>();
  const take = (key: string | undefined, col: number, display: string): boolean => {
    if (!key || found.has(key)) return false;
    found.set(key, { col, display });
    return true;
  };
  const unnamed: ColumnPath[] = [];
  for (const p of paths) {
    const n = p.segments.length;
    if (n === 0) continue;
    const child = p.segments[n - 1]!;
    const parent = n > 1 ? p.segments[n - 2]! : null;
    const nc = normalizeLabel(child);
    const written = parent ? `${clean(parent)}/${clean(child)}` : clean(child);
    const byChild = index.get(nc);
    // The child alone is shown when it is the column's own label; otherwise the path says more.
    const childSays = (key: string | undefined): string => (key && (labels.get(key) === nc || !parent) ? clean(child) : written);
    if (parent) {
      const np = normalizeLabel(parent);
      const key = index.get(`${np}/${nc}`) ?? byChild ?? index.get(np + nc) ?? index.get(nc + np);
      if (!take(key, p.col, childSays(key)) && key === undefined) unnamed.push(p);
    } else {
      take(byChild, p.col, byChild ? def.columns.find((c) => c.key === byChild)!.label : child);
    }
  }
  for (const p of unnamed) {
    const parent = p.segments[p.segments.length - 2]!;
    const owner = p.owners[p.segments.length - 2]!;
    const firstUnnamedChild = unnamed.find((q) => q.owners[q.segments.length - 2] === owner && q.segments[q.segments.length - 2] === parent);
    if (firstUnnamedChild === p) take(index.get(normalizeLabel(parent)), p.col, `${clean(parent)}/${clean(p.segments[p.segments.length - 1]!)}`);
  }
  return found;
}

/** A header text for messages: line breaks and spaces inside a cell removed. */
function clean(text: string): string {
  return text.replace(/\s+/g, '');
}
