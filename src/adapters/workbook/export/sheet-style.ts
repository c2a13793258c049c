/**
 * What every sheet of the merged workbook shares: a bold header row that stays in view, the
 * unit column frozen beside it, an autofilter over the data, and widths that fit the content.
 */
import type { Worksheet } from 'exceljs';
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

export function styleHeaderRow(sheet: Worksheet, columnCount: number): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (let c = 1; c <= columnCount; c++) {
    header.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAED' } };
  }
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }];
}

/** Autofilter from the header row to `lastRow` (rows below it — a totals row — stay outside). */
export function addFilter(sheet: Worksheet, columnCount: number, lastRow: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columnCount } };
}

/**
 * Widths: the configured width when the form gives one, else the widest of header and values,
 * within bounds so that a 500-character 活动简介 does not make a column a screen wide.
 */
export function fitWidths(sheet: Worksheet, configured: readonly (number | undefined)[]): void {
  sheet.columns.forEach((column, i) => {
    const given = configured[i];
    if (given !== undefined) {
      column.width = given;
      return;
    }
    let widest = MIN_WIDTH;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      const v = cell.value;
      const text = v instanceof Date ? '2025-05-20 12:00' : v === null || v === undefined ? '' : String(v);
      widest = Math.max(widest, displayWidth(text) + 2);
    });
    column.width = Math.min(widest, MAX_WIDTH);
  });
}
