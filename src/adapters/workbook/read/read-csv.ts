/**
 * Reads a .csv a unit sent as its form: UTF-8 (with or without a BOM, as Excel's "CSV UTF-8"
 * writes it) or GBK (what "CSV (逗号分隔)" writes on Chinese Windows and WPS), told apart by whether
 * the bytes are valid UTF-8. The grid is read like a sheet; a .csv whose header is not a form's is
 * just another file (a participants list), so it gives no form and no problem.
 */
import iconv from 'iconv-lite';
import { csvGrid } from '../../../domain/forms/sheet/csv-grid.js';
import { viewGrid } from '../../../domain/forms/sheet/grid.js';
import { readSheet } from '../../../domain/forms/sheet/read-sheet.js';
import type { FormDefinition, WorkbookReadResult } from '../../../domain/forms/types.js';
import { DEFAULT_SHEET_LIMITS, gridBreach, sheetLimitProblem, type SheetLimits } from '../../../domain/files/sheet-limits.js';

export function readCsv(bytes: Buffer, defs: FormDefinition[], fileName: string, limits: SheetLimits = DEFAULT_SHEET_LIMITS): WorkbookReadResult {
  const grid = csvGrid(decodeCsv(bytes), sheetName(fileName));
  const breach = gridBreach(grid, limits);
  if (breach) return { forms: [], problems: [sheetLimitProblem(fileName, breach)] };
  const found = readSheet(viewGrid(grid), defs);
  return { forms: found ? [{ ...found.read, fingerprint: null }] : [], problems: [] };
}

export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gbk');
  }
}

/** A .csv has no sheet name: problems name the file instead (`马院统计表.csv`). */
function sheetName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
