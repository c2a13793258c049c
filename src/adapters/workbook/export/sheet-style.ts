/**
 * What every sheet of the merged workbook shares: a bold header row that stays in view, the
 * unit column frozen beside it, an autofilter over the data, and widths that fit the content.
 * The sheets are streamed (exceljs's WorkbookWriter): each row is committed as it is written.
 */
import type { Row, Worksheet, WorksheetView } from 'exceljs';
import { displayWidth } from './safe-cell.js';

const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/** Characters Excel refuses in sheet names, and its 31-character limit. */
export function safeSheetName(name: string, taken: ReadonlySet<string>): string {
  const base = Array.from(name.replace(/[[\]:*?/\\]/g, ' ').trim() || '表').slice(0, 31).join('');
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${Array.from(base).slice(0, 28).join('')}(${i})`;
  return candidate;
}

/** The header row stays in view and the unit column beside it (given when the sheet is added: a streamed sheet writes its views first). */
export const FROZEN_HEADER_VIEWS: Partial<WorksheetView>[] = [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }];

export function styleHeaderRow(header: Row, columnCount: number): void {
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= columnCount; c++) {
    header.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAED' } };
  }
}

/** Autofilter from the header row to `lastRow` (rows below it — a totals row — stay outside). */
export function addFilter(sheet: Worksheet, columnCount: number, lastRow: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columnCount } };
}

export type CellText = string | number | Date | null | undefined;

/**
 * Widths: the configured width when the form gives one, else the widest of header and values,
 * within bounds so that a 500-character 活动简介 does not make a column a screen wide. Computed
 * from the values before any row is written: a streamed sheet fixes its columns first.
 */
export function columnWidths(configured: readonly (number | undefined)[], rows: Iterable<readonly CellText[]>): { width: number }[] {
  const widest: number[] = [];
  for (const row of rows) {
    row.forEach((v, i) => {
      if (configured[i] !== undefined) return;
      const text = v instanceof Date ? '2025-05-20 12:00' : v === null || v === undefined ? '' : String(v);
      widest[i] = Math.max(widest[i] ?? MIN_WIDTH, displayWidth(text) + 2);
    });
  }
  const count = Math.max(configured.length, widest.length);
  return Array.from({ length: count }, (_, i) => ({ width: configured[i] ?? Math.min(widest[i] ?? MIN_WIDTH, MAX_WIDTH) }));
}
