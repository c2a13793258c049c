/**
 * What a resubmission changed, for the reply to it ("与上一版相比：已修正 3 处问题，新增 2 行 …").
 * The latest version wins; this only tells the unit what its edit did. Pure.
 */
import { excerpt } from '../forms/form-limits.js';
import type { Problem } from '../forms/problem.js';
import { columnKeys } from '../forms/judge/column-keys.js';
import { normalizeActivityName } from '../forms/judge/compare-activities.js';
import type { ActivityRow, FormId } from '../forms/types.js';
import type { SubmissionChanges } from './reply-input.js';

export interface VersionSnapshot {
  problems: readonly Problem[];
  /**
   * Activity rows per form read in that version. A form absent here was not sent in that version
   * (a follow-up mail with only photos): its rows are not compared, and its problems are neither
   * fixed nor new.
   */
  rows: Partial<Record<FormId, readonly ActivityRow[]>>;
}

/**
 * A problem's identity across versions: where it is and what it is. Values are left out on
 * purpose — a date changed from `5.20` to `5月20` but still unreadable is the same problem, not fixed.
 * A problem without a cell (a file problem) is told apart by what it names (the file).
 */
function problemKey(p: Problem): string {
  const place = p.cell ?? `${p.column ?? ''}|${p.value ?? ''}`;
  return `${p.form ?? '-'}|${place}|${p.code}`;
}

function activityName(row: ActivityRow): string | null {
  const v = row.values[columnKeys.name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : v === null || v === undefined ? null : String(v);
}

/** Names in `a` not matched in `b`, counting duplicates (two rows of one name, one removed → one listed). */
function namesMissingFrom(a: readonly ActivityRow[], b: readonly ActivityRow[]): string[] {
  const left = new Map<string, number>();
  for (const row of b) {
    const name = activityName(row);
    if (name === null) continue;
    const key = normalizeActivityName(name);
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  const missing: string[] = [];
  for (const row of a) {
    const name = activityName(row);
    if (name === null) continue;
    const key = normalizeActivityName(name);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else missing.push(excerpt(name)); // a reply quotes a name, it does not echo a pasted page
  }
  return missing;
}

export function describeChanges(previous: VersionSnapshot, current: VersionSnapshot): SubmissionChanges {
  // Problems of a form not sent this time stay as they were: neither fixed nor new.
  const compared = (p: Problem): boolean => p.form === null || current.rows[p.form] !== undefined;
  const before = new Map(previous.problems.filter(compared).map((p) => [problemKey(p), p]));
  const now = new Map(current.problems.filter(compared).map((p) => [problemKey(p), p]));
  const fixed = [...before].filter(([k]) => !now.has(k)).map(([, p]) => p);
  const newProblems = [...now].filter(([k]) => !before.has(k)).map(([, p]) => p);

  const rowsAdded: string[] = [];
  const rowsRemoved: string[] = [];
  for (const form of ['recommendation', 'report'] as const) {
    const a = previous.rows[form];
    const b = current.rows[form];
    if (a === undefined || b === undefined) continue;
    // Loops, not push(...names): a spread of a huge array overflows the call stack.
    for (const n of namesMissingFrom(b, a)) rowsAdded.push(n);
    for (const n of namesMissingFrom(a, b)) rowsRemoved.push(n);
  }
  return { fixed, newProblems, rowsAdded, rowsRemoved };
}
