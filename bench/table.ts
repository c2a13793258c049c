/** The one table every benchmark row ends up in: stage | workload | ceiling now | ours | ratio | reference. */

export interface BenchRow {
  stage: string;
  workload: string;
  /** What the rate counts, e.g. `forms/s`. */
  unit: string;
  /** The bare library's rate measured in this run, or null when not measured. */
  library: number | null;
  ours: number | null;
  /** The reference ceiling measured on an earlier day (bench/README.md, "Reference ceilings"); `-` when there is none. */
  facts: string;
}

const HEAD = ['stage', 'workload', 'library ceiling (now)', 'ours', 'ratio', 'reference ceiling'];

export function formatRate(rate: number | null, unit: string): string {
  if (rate === null) return 'n/a';
  const digits = rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return `${rate.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** ours ÷ library: 1.00 means we run at the library's speed, 0.50 at half of it. */
export function formatRatio(row: BenchRow): string {
  return row.library && row.ours ? `${(row.ours / row.library).toFixed(2)}` : 'n/a';
}

export function renderTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [r.stage, r.workload, formatRate(r.library, r.unit), formatRate(r.ours, r.unit), formatRatio(r), r.facts]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(HEAD), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
