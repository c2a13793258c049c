/**
 * The activity rows under a header row: every row with something in a known column, leaving out
 * template padding (only 序号 filled), empty rows, notes under the table, and the 合计 row, which
 * is returned apart. Reading stops at the 合计 row: what follows is notes and signatures.
 */
import type ExcelJS from 'exceljs';
import { SERIAL_COLUMN_KEY } from '../../../config/form-definitions.js';
import type { FormDefinition, RawCell, RawRow } from '../../../domain/forms/types.js';
import { rawCell, cellText, isEmpty } from './raw-cell.js';

const TOTALS_TEXTS = new Set(['合计', '总计', '合计:', '总计:', '共计', '小计']);
/** A lone text under the table that starts like this is a note, not an activity. */
const NOTE = /^(注|说明|备注|填表说明|填表人|填报人|审核人|单位负责人|负责人签字|单位盖章|盖章|联系人)[:：\s]/;

export interface RowsRead {
  rows: RawRow[];
  totalsRow: RawRow | null;
}

export function readRows(sheet: ExcelJS.Worksheet, def: FormDefinition, headerRowNumber: number, columns: Map<string, { col: number }>): RowsRead {
  const rows: RawRow[] = [];
  const totalsLabels = new Set([...TOTALS_TEXTS, ...(def.totalsLabel ? [def.totalsLabel] : [])]);
  for (let r = headerRowNumber + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Record<string, RawCell | undefined> = {};
    for (const [key, { col }] of columns) cells[key] = rawCell(row.getCell(col));
    const raw: RawRow = { rowNumber: r, cells };
    if (isTotalsRow(row, totalsLabels)) return { rows, totalsRow: raw };
    const filled = Object.entries(cells).filter(([, c]) => !isEmpty(c));
    if (filled.length === 0) continue;
    if (filled.every(([key]) => key === SERIAL_COLUMN_KEY)) continue;
    if (isNoteRow(row)) continue;
    rows.push(raw);
  }
  return { rows, totalsRow: null };
}

/** Any cell of the row (known column or not) reading 合计/总计. */
function isTotalsRow(row: ExcelJS.Row, labels: Set<string>): boolean {
  for (let c = 1; c <= row.cellCount; c++) {
    const text = cellText(rawCell(row.getCell(c))).normalize('NFKC').replace(/\s+/g, '');
    if (text && labels.has(text)) return true;
  }
  return false;
}

/** One distinct non-empty cell (often merged across the table) holding a note. */
function isNoteRow(row: ExcelJS.Row): boolean {
  const texts = new Set<string>();
  for (let c = 1; c <= row.cellCount; c++) {
    const cell = rawCell(row.getCell(c));
    if (!isEmpty(cell)) texts.add(`${cell.ref}`);
    if (texts.size > 1) return false;
  }
  if (texts.size !== 1) return false;
  const ref = [...texts][0]!;
  return NOTE.test(cellText(rawCell(row.worksheet.getCell(ref))).normalize('NFKC'));
}
