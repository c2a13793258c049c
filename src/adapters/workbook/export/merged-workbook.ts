/**
 * The merged workbook the coordinator used to build by hand: a 汇总 sheet first (the one Excel
 * opens on), then one sheet per form with every unit's current rows. Attached to the digest and
 * written by `inbox-worker export`. Pure apart from exceljs's in-memory zip: no clock, no disk.
 */
import ExcelJS from 'exceljs';
import { shanghaiDate } from '../../../domain/time/shanghai-time.js';
import { addFormSheet } from './form-sheet.js';
import type { MergedWorkbookInput } from './merged-input.js';
import { safeSheetName } from './sheet-style.js';
import { addSummarySheet, SUMMARY_SHEET_NAME } from './summary-sheet.js';

export const MERGED_WORKBOOK_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `合并汇总表-2025-05-07.xlsx`; the date is the Asia/Shanghai day of `generatedAt`. */
export function mergedWorkbookFileName(generatedAt: Date): string {
  return `合并汇总表-${shanghaiDate(generatedAt)}.xlsx`;
}

export async function buildMergedWorkbook(input: MergedWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'inbox-worker';
  workbook.created = input.generatedAt;
  workbook.modified = input.generatedAt;
  if (input.title) workbook.title = input.title;

  const taken = new Set<string>([SUMMARY_SHEET_NAME]);
  const sheetNames = input.definitions.map((d) => {
    const name = safeSheetName(d.sheetName, taken);
    taken.add(name);
    return name;
  });

  addSummarySheet(workbook, input, sheetNames);
  input.definitions.forEach((d, i) => addFormSheet(workbook, sheetNames[i] ?? d.sheetName, d, input.units, input.rows[d.id] ?? []));

  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
