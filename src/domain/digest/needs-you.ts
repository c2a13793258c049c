/**
 * The "needs you" list: what only the coordinator can settle, most pressing kind first and,
 * within a kind, the longest waiting first.
 */
import type { NeedsYouItem, NeedsYouKind } from './digest-input.js';
import { NEEDS_YOU_LABELS, NEEDS_YOU_ORDER } from './labels.js';

export interface NeedsYouEntry {
  kind: NeedsYouKind;
  /** Chinese name of the kind, e.g. `收件中断`. */
  label: string;
  /** What to do about it, in Chinese. */
  action: string;
  subject: string;
  detail: string;
  since: string;
}

export function orderNeedsYou(items: readonly NeedsYouItem[]): NeedsYouEntry[] {
  const rank = (k: NeedsYouKind) => NEEDS_YOU_ORDER.indexOf(k);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || Date.parse(a.item.since) - Date.parse(b.item.since) || a.index - b.index)
    .map(({ item }) => ({ kind: item.kind, ...NEEDS_YOU_LABELS[item.kind], subject: item.subject, detail: item.detail, since: item.since }));
}
