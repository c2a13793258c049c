/**
 * How big a sheet may be before it is read at all (docs/limits.md). exceljs allocates every row
 * and cell up to the last one it sees, whatever the `dimension` tag claims: one cell at XFD1048576
 * in a 16 KB file costs gigabytes. So a sheet's real extent is measured from its cell references
 * first, and a sheet past any of these limits is a problem for the unit, never handed to exceljs.
 * A real form is tens of rows by a dozen columns; every limit leaves room for a hundred times that.
 */
import type { Problem } from '../forms/problem.js';
import type { SheetGrid } from '../forms/sheet/grid.js';
import { FILE_PROBLEM } from './file-problems.js';

export interface SheetLimits {
  /** Highest row number any cell or merge may reach. @defaultValue 20000 */
  maxRows: number;
  /** Highest column number any cell or merge may reach. @defaultValue 256 (column IV) */
  maxColumns: number;
  /**
   * Most cells the reader would hold in the whole workbook: each row counts up to its last cell
   * (exceljs fills the gaps) and a merge counts its area. @defaultValue 400000
   */
  maxCells: number;
  /** Longest text in one cell, in characters; Excel itself stops at 32,767. @defaultValue 32767 */
  maxTextLength: number;
  /** Most worksheets in one workbook (a form has one or two). @defaultValue 50 */
  maxSheets: number;
}

export const DEFAULT_SHEET_LIMITS: Readonly<SheetLimits> = Object.freeze({
  maxRows: 20_000,
  maxColumns: 256,
  maxCells: 400_000,
  maxTextLength: 32_767,
  maxSheets: 50,
});

export type SheetLimitName = 'rows' | 'columns' | 'cells' | 'text' | 'sheets';

/** The first limit a sheet broke: which, where, what was found and the bound. */
export interface SheetLimitBreach {
  limit: SheetLimitName;
  /** Sheet name; '' for the workbook's shared strings or the workbook as a whole. */
  sheet: string;
  /** The row or column reached; for cells and text, the first count past the bound (reading stops there). */
  found: number;
  max: number;
}

/** The breach of `limit` when `found` is past `max`, else null. */
export function breachOf(limit: SheetLimitName, sheet: string, found: number, max: number): SheetLimitBreach | null {
  return found > max ? { limit, sheet, found, max } : null;
}

const WHAT: Readonly<Record<SheetLimitName, (b: SheetLimitBreach) => string>> = {
  rows: (b) => `工作表「${b.sheet}」用到了第 ${b.found} 行（上限 ${b.max} 行）`,
  columns: (b) => `工作表「${b.sheet}」用到了第 ${b.found} 列（上限 ${b.max} 列）`,
  cells: (b) => `单元格超过 ${b.max} 个（数到工作表「${b.sheet}」时）`,
  sheets: (b) => `工作簿中有 ${b.found} 个工作表（上限 ${b.max} 个）`,
  text: (b) => `${b.sheet === '' ? '' : `工作表「${b.sheet}」中`}有单元格的文字超过 ${b.max} 个字符`,
};

/** The unit's message: what was found, and how to fix it (an empty cell far away, a pasted text). */
export function sheetLimitProblem(fileName: string, b: SheetLimitBreach): Problem {
  const hint = b.limit === 'text'
    ? '请检查是否误粘贴了大段文字，删除后重新保存为 .xlsx 再发送。'
    : b.limit === 'sheets'
    ? '请只保留填写好的表格所在的工作表（其余工作表右键“删除”），重新保存为 .xlsx 后再发送。'
    : '可能是在很远的位置误填了内容或设置了格式。请删除多余的行和列（选中后“删除”，而不是只清除内容），只保留表格本身，重新保存为 .xlsx 后再发送；如活动确实很多，请拆分成几个文件分别发送。';
  return {
    code: FILE_PROBLEM.tooBig,
    severity: 'error',
    form: null,
    sheet: b.sheet === '' ? null : b.sheet,
    cell: null,
    column: null,
    value: fileName,
    message: `附件“${fileName}”表格过大或结构异常：${WHAT[b.limit](b)}，为安全起见未读取。${hint}`,
  };
}

/** The same limits on a grid already in memory (a .csv, which has no cell references to measure first). */
export function gridBreach(grid: SheetGrid, limits: SheetLimits): SheetLimitBreach | null {
  let cells = 0;
  let columns = 0;
  let longest = 0;
  for (const row of grid.rows) {
    cells += row.length;
    columns = Math.max(columns, row.length);
    for (const cell of row) if (typeof cell?.value === 'string') longest = Math.max(longest, cell.value.length);
  }
  return breachOf('rows', grid.name, grid.rows.length, limits.maxRows)
    ?? breachOf('columns', grid.name, columns, limits.maxColumns)
    ?? breachOf('cells', grid.name, cells, limits.maxCells)
    ?? breachOf('text', grid.name, longest, limits.maxTextLength);
}
