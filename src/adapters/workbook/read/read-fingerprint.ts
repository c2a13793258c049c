/** Reads the hidden `_form` sheet the templates carry: formId → version. */
import type ExcelJS from 'exceljs';
import { FINGERPRINT_MARK, FINGERPRINT_SHEET } from '../template/index.js';
import { plainValue } from './raw-cell.js';

export function readFingerprints(workbook: ExcelJS.Workbook): Map<string, { formId: string; version: string; sheet: string | null }> {
  const found = new Map<string, { formId: string; version: string; sheet: string | null }>();
  const sheet = workbook.getWorksheet(FINGERPRINT_SHEET);
  if (!sheet || plainValue(sheet.getCell('A1').value) !== FINGERPRINT_MARK) return found;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const formId = plainValue(sheet.getCell(r, 1).value);
    const version = plainValue(sheet.getCell(r, 2).value);
    const name = plainValue(sheet.getCell(r, 3).value);
    if (typeof formId === 'string' && version !== null) {
      found.set(formId, { formId, version: String(version), sheet: typeof name === 'string' ? name : null });
    }
  }
  return found;
}
