/**
 * For the acknowledgement of a report: which activities the unit recommended (附件1) do not
 * appear in its report (附件2). Information for the unit, never an error (docs/forms.md, "Attachment 2 — 统计表").
 * Names match after folding width, white space, quotation marks and book-title marks
 * (《》〈〉「」“”), since units retype names between the two forms.
 */
import type { ActivityRow } from '../types.js';
import { columnKeys } from './column-keys.js';
import { compact } from './normalize.js';

export function normalizeActivityName(name: string): string {
  return compact(name)
    .replace(/[《》〈〉「」『』“”‘’"'<>]/gu, '')
    .toLowerCase();
}

/** Names (as written in 附件1, in its order, once each) of recommended activities missing from the report. */
export function compareRecommendedWithReported(recommended: readonly ActivityRow[], reported: readonly ActivityRow[]): string[] {
  const nameOf = (row: ActivityRow): string | null => {
    const v = row.values[columnKeys.name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const held = new Set(reported.map(nameOf).filter((n): n is string => n !== null).map(normalizeActivityName));
  const missing: string[] = [];
  const listed = new Set<string>();
  for (const row of recommended) {
    const name = nameOf(row);
    if (name === null) continue;
    const key = normalizeActivityName(name);
    if (held.has(key) || listed.has(key)) continue;
    listed.add(key);
    missing.push(name);
  }
  return missing;
}
