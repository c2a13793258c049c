/**
 * One sheet per form: every unit's current rows under 单位 / 版本 / 状态 / 收到时间 and then the
 * form's own columns, units in registry order, rows in the order the unit wrote them.
 */
import type { Cell, Workbook } from 'exceljs';
import { STATUS_LABELS } from '../../../domain/digest/labels.js';
import type { ColumnDefinition, FormDefinition } from '../../../domain/forms/types.js';
import type { MergedSubmissionRows } from './merged-input.js';
import { writeDate, writeNumber, writeShanghaiTime, writeText } from './safe-cell.js';
import { addFilter, columnWidths, FROZEN_HEADER_VIEWS, styleHeaderRow, type CellText } from './sheet-style.js';

export const META_COLUMNS = ['单位', '版本', '状态', '收到时间'] as const;
const META_WIDTHS = [24, 6, 16, 17];

export function orderByRegistry(units: readonly string[], submissions: readonly MergedSubmissionRows[]): MergedSubmissionRows[] {
  const position = new Map(units.map((u, i) => [u, i]));
  const rank = (u: string) => position.get(u) ?? units.length;
  return [...submissions].sort((a, b) => rank(a.unit) - rank(b.unit) || a.unit.localeCompare(b.unit, 'zh-CN'));
}

export function addFormSheet(workbook: Workbook, sheetName: string, definition: FormDefinition, units: readonly string[], submissions: readonly MergedSubmissionRows[]): void {
  const sheet = workbook.addWorksheet(sheetName, { views: FROZEN_HEADER_VIEWS });
  const headers = [...META_COLUMNS, ...definition.columns.map((c) => c.label)];
  const ordered = orderByRegistry(units, submissions).map((s) => ({ s, rows: [...s.rows].sort((a, b) => a.rowNumber - b.rowNumber) }));
  function* texts(): Generator<CellText[]> {
    yield headers;
    for (const { s, rows } of ordered) for (const r of rows) yield [s.unit, s.version, STATUS_LABELS[s.status], null, ...definition.columns.map((c) => r.values[c.key] ?? null)];
  }
  sheet.columns = columnWidths([...META_WIDTHS, ...definition.columns.map((c) => c.width)], texts());

  const header = sheet.getRow(1);
  headers.forEach((text, i) => writeText(header.getCell(i + 1), text));
  styleHeaderRow(header, headers.length);
  header.commit();

  let rowIndex = 2;
  for (const { s: submission, rows } of ordered) {
    for (const activity of rows) {
      const row = sheet.getRow(rowIndex++);
      writeText(row.getCell(1), submission.unit);
      writeNumber(row.getCell(2), submission.version);
      writeText(row.getCell(3), STATUS_LABELS[submission.status]);
      writeShanghaiTime(row.getCell(4), submission.receivedAt);
      definition.columns.forEach((column, i) => writeValue(row.getCell(META_COLUMNS.length + 1 + i), column, activity.values[column.key] ?? null));
      row.commit();
    }
  }
  addFilter(sheet, headers.length, rowIndex - 1);
  sheet.commit();
}

function writeValue(cell: Cell, column: ColumnDefinition, value: string | number | null): void {
  if (value === null) return;
  if (typeof value === 'number') {
    writeNumber(cell, value);
    return;
  }
  if (column.type === 'date') {
    writeDate(cell, value);
    return;
  }
  writeText(cell, value);
}
