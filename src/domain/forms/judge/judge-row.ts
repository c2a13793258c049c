/**
 * Judges one activity row: each cell against its column, then the rules that span cells —
 * a date range in 开始日期 fills an empty 结束日期, 结束日期 ≥ 开始日期, and the report's
 * attendance and media-link rules (row-rules.ts).
 */
import type { ActivityRow, FormContext, FormDefinition, RawRow, ReadForm } from '../types.js';
import { columnKeys } from './column-keys.js';
import { judgeCell, type CellPlace } from './judge-cell.js';
import { rowPlace } from './messages.js';
import { isBlank } from './normalize.js';
import { parseDateCell } from './parse-date.js';
import type { ProblemSink } from './problem-sink.js';
import { judgeAttendance, judgeReportLinks } from './row-rules.js';

export function judgeRow(row: RawRow, read: ReadForm, def: FormDefinition, ctx: FormContext, sink: ProblemSink): ActivityRow {
  const values: ActivityRow['values'] = {};
  const places = new Map<string, CellPlace>();
  for (const column of def.columns) {
    const found = read.columns[column.key];
    if (!found) continue;
    const ref = row.cells[column.key]?.ref ?? `${found.letter}${row.rowNumber}`;
    // Messages name the column as the unit's header shows it (参与人次/线下 in a two-row header).
    const shown = found.headerText || column.label;
    places.set(column.key, { column: shown === column.label ? column : { ...column, label: shown }, ref, where: rowPlace(row.rowNumber, shown, ref) });
  }

  // A range written in 开始日期 (5月20日-22日) stands in for an empty 结束日期. Peek at it first
  // (parsing is pure), so that cells are still judged, and problems listed, left to right.
  const startCell = row.cells[columnKeys.startDate];
  const startParse = startCell && !isBlank(startCell) ? parseDateCell(startCell, ctx.year) : null;
  const rangeEnd = startParse?.ok ? startParse.end : null;
  const endCell = row.cells[columnKeys.endDate];
  const endFromRange = rangeEnd !== null && (endCell === undefined || isBlank(endCell));

  for (const column of def.columns) {
    const place = places.get(column.key);
    if (!place) {
      values[column.key] = null;
    } else if (column.key === columnKeys.endDate && endFromRange) {
      values[column.key] = rangeEnd;
    } else {
      values[column.key] = judgeCell(row.cells[column.key], place, ctx, sink);
    }
  }

  judgeDateOrder(values, places, endFromRange, sink);
  judgeAttendance(values, places, sink);
  judgeReportLinks(values, places, sink);
  return { rowNumber: row.rowNumber, values };
}

function judgeDateOrder(values: ActivityRow['values'], places: Map<string, CellPlace>, endFromRange: boolean, sink: ProblemSink): void {
  const start = values[columnKeys.startDate];
  const end = values[columnKeys.endDate];
  if (typeof start !== 'string' || typeof end !== 'string' || end >= start) return;
  // When the range was written in 开始日期, that is the cell to correct.
  const place = places.get(endFromRange ? columnKeys.startDate : columnKeys.endDate);
  if (!place) return;
  sink.add('date.endBeforeStart', { cell: place.ref, column: place.column.label, value: end }, { where: place.where, end, start });
}
