/**
 * The 合计 row of the report: each stated figure must equal the sum of the activity rows.
 * A blank totals cell is fine (the row is optional, and so is each of its cells). A column is
 * not compared while any activity row's figure in it is unreadable or missing: that row has its
 * own problem, and a sum over what could be read would only add a confusing second one.
 */
import type { ActivityRow, FormDefinition, ReadForm } from '../types.js';
import { integerProblemCode } from './judge-cell.js';
import { totalsPlace } from './messages.js';
import { cellText, isBlank } from './normalize.js';
import { parseIntegerCell } from './parse-integer.js';
import type { ProblemSink } from './problem-sink.js';

export function judgeTotals(read: ReadForm, def: FormDefinition, rows: readonly ActivityRow[], sink: ProblemSink): void {
  const totals = read.totalsRow;
  if (!totals || def.totalsLabel === null) return;
  for (const key of def.summedColumns) {
    const column = def.columns.find((c) => c.key === key);
    const found = read.columns[key];
    const cell = totals.cells[key];
    if (!column || !found || cell === undefined || isBlank(cell)) continue;
    const ref = cell.ref;
    const shown = found.headerText || column.label;
    const where = totalsPlace(def.totalsLabel, shown, ref);
    const text = cellText(cell);
    const site = { cell: ref, column: shown, value: text };
    const stated = parseIntegerCell(cell);
    if (!stated.ok) {
      sink.add(integerProblemCode(stated.reason), site, { where, value: text });
      continue;
    }
    const figures = rows.map((r) => r.values[key]);
    if (!figures.every((f): f is number => typeof f === 'number')) continue;
    const computed = figures.reduce((a, b) => a + b, 0);
    if (stated.value !== computed) sink.add('totals.mismatch', site, { where, stated: stated.value, computed });
  }
}
