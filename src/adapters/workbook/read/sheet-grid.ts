/**
 * An exceljs worksheet as the domain's plain grid: every cell as a RawCell (no judgement) and the
 * merged ranges. Merged cells other than the top-left one are left empty: the grid view resolves
 * them to their master.
 */
import type ExcelJS from 'exceljs';
import type { MergeRange, SheetGrid } from '../../../domain/forms/sheet/grid.js';
import type { RawCell } from '../../../domain/forms/types.js';
import { rawCell } from './raw-cell.js';

export function sheetGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: (RawCell | null)[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: (RawCell | null)[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      const own = cell.isMerged && cell.master.address !== cell.address ? null : rawCell(cell);
      cells.push(own && own.value !== null ? own : null);
    }
    rows.push(cells);
  }
  return { name: sheet.name, rows, merges: mergesOf(sheet) };
}

/** exceljs keeps the merges as `A1:B2` strings in the sheet model. */
function mergesOf(sheet: ExcelJS.Worksheet): MergeRange[] {
  const out: MergeRange[] = [];
  for (const range of sheet.model.merges ?? []) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    out.push({ top: Number(m[2]), left: colNumber(m[1]!), bottom: Number(m[4]), right: colNumber(m[3]!) });
  }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
