/**
 * The merged workbook the coordinator used to build by hand: a 汇总 sheet first (the one Excel
 * opens on), then one sheet per form with every unit's current rows. Attached to the digest and
 * written by `inbox-worker export`. No clock, no disk of its own: it writes to the stream it is given.
 */
import { PassThrough, type Writable } from 'node:stream';
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

/** The workbook in memory (the digest attaches it): streamed into a buffer of the zip alone. */
export async function buildMergedWorkbook(input: MergedWorkbookInput): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeMergedWorkbook(input, sink);
  return Buffer.concat(chunks);
}

/**
 * Writes the workbook to `out` with exceljs's streaming writer: each row is serialised and
 * zipped as it is written, so 50,000 rows never sit in memory as exceljs cell objects (the
 * in-memory Workbook holds every cell until the end). Shared strings, because without them
 * exceljs's writer marks text cells `t="str"`, which Excel reads as the result of a formula; the
 * table keeps each distinct text once, a fraction of the cells' weight.
 */
export async function writeMergedWorkbook(input: MergedWorkbookInput, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
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
  await workbook.commit();
}
