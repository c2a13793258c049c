/** `inbox-worker failed [--json]` and `inbox-worker retry <id…|--all>`: what follows on the screen. */
import type { FailedItem, RetryOutcome } from '../app/failed-work.js';

export function formatFailed(items: readonly FailedItem[]): string {
  if (items.length === 0) return 'no failed work';
  const lines = [`${items.length} failed:`];
  for (const i of items) {
    lines.push(`${i.id}  ${i.queue ? `queue ${i.queue}` : 'stored message'}${i.attempts ? `, ${i.attempts} attempt(s)` : ''}${i.failedAt ? `, ${i.failedAt}` : ''}`);
    if (i.from || i.subject) lines.push(`    mail: ${i.from ?? '(no sender)'} — ${i.subject ?? '(no subject)'}`);
    lines.push(`    reason: ${i.reason}`);
  }
  lines.push('', 'run again: inbox-worker retry <id> … (or --all)');
  return lines.join('\n');
}

export function formatRetried(outcomes: readonly RetryOutcome[]): string {
  if (outcomes.length === 0) return 'nothing to retry';
  return outcomes.map((o) => (o.result === 'queued' ? `${o.id}: queued again` : `${o.id}: no failed job or message with this id`)).join('\n');
}
