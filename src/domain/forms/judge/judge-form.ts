/**
 * Judges a form as read from a workbook against its definition: the header block, the columns
 * present, every activity row cell by cell, and the 合计 row. Pure and deterministic: problems
 * come in reading order (header, columns, rows top to bottom and left to right, totals).
 * Warnings never block; whether errors block acceptance is the caller's decision.
 */
import type { FormContext, FormDefinition, FormJudgement, ReadForm } from '../types.js';
import { columnKeys } from './column-keys.js';
import { judgeHeader } from './judge-header.js';
import { judgeRow } from './judge-row.js';
import { judgeTotals } from './judge-totals.js';
import { createProblemSink } from './problem-sink.js';
import { DEFAULT_MAX_ACTIVITY_ROWS } from '../form-limits.js';

export function judgeForm(read: ReadForm, def: FormDefinition, ctx: FormContext): FormJudgement {
  const sink = createProblemSink(def.id, read.sheet);
  const header = judgeHeader(def.headerFields, read.headerFields, sink);

  const missing = new Set(read.missingColumns);
  for (const column of def.columns) {
    if (missing.has(column.key) && column.required) {
      sink.add('column.missing', { cell: null, column: column.label, value: null }, { sheet: read.sheet, column: column.label });
    }
  }
  if (read.rows.length === 0) {
    sink.add('form.noActivityRows', { cell: null, column: null, value: null }, { sheet: read.sheet });
  }

  // Thousands of rows are a wrong file or a paste gone astray: one message, no row-by-row list.
  const maxRows = ctx.maxActivityRows ?? DEFAULT_MAX_ACTIVITY_ROWS;
  if (read.rows.length > maxRows) {
    sink.add('form.tooManyRows', { cell: null, column: null, value: null }, { sheet: read.sheet, count: read.rows.length, max: maxRows });
  }
  const rows = read.rows.length > maxRows ? [] : read.rows.map((row) => judgeRow(row, read, def, ctx, sink));

  // 报道链接 is not required as a column, but it is once an activity reports media coverage.
  const links = def.columns.find((c) => c.key === columnKeys.reportLinks);
  const anyReports = rows.some((r) => Number(r.values[columnKeys.mediaReports] ?? 0) > 0);
  if (links && !links.required && missing.has(links.key) && anyReports) {
    sink.add('column.missing', { cell: null, column: links.label, value: null }, { sheet: read.sheet, column: links.label });
  }

  judgeTotals(read, def, rows, sink);
  const skipped = read.skippedRows ?? [];
  return { formId: def.id, sheet: read.sheet, header, rows, problems: sink.problems, ...(skipped.length > 0 ? { skippedRows: skipped } : {}) };
}
