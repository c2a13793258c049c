/** How `inbox-worker check` shows its results: JSON Lines for scripts, plain lines for a person. */
import type { CheckResult } from './check-file.js';

const STATUS_ZH: Record<string, string> = {
  accepted: '通过',
  accepted_with_warnings: '通过（有建议修改项）',
  needs_correction: '需修改',
  incomplete: '材料不全',
  held: '待协调人处理',
};

export function formatCheckJson(r: CheckResult): string {
  const { note: _note, ...rest } = r;
  return JSON.stringify(rest);
}

export function formatCheckHuman(r: CheckResult): string {
  const lines = [`${r.file}`, `  kind: ${r.kind}${r.unit ? `   unit: ${r.unit}` : ''}   reply: ${r.reply}`];
  if (r.note) lines.push(`  note: ${r.note}`);
  for (const d of r.deliverables) {
    lines.push(`  ${d.deliverable}: ${STATUS_ZH[d.status] ?? d.status}${d.late ? '（逾期）' : ''}, ${d.activities} activities, ${d.problems.length} problem(s)`);
    for (const p of d.problems) lines.push(`    [${p.severity}] ${p.cell ?? p.column ?? ''} ${p.message}`);
    for (const s of d.skipped) lines.push(`    [info] ${s.sheet} row ${s.row} not an activity (${s.kind}): ${s.text}`);
  }
  return lines.join('\n');
}
