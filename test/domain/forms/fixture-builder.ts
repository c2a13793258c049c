/**
 * Fills the generated template with given values, so fixtures look exactly like what a unit
 * returns after typing into the template. Used by scripts/make-form-fixtures.ts and by the
 * validator's rule fixtures (test/fixtures/forms/rules/).
 *
 * Values are written as given: a string, number, Date (UTC midnight for a calendar day), boolean,
 * null, or any exceljs cell value object ({ formula, result }, { text, hyperlink }, { richText }).
 */
import ExcelJS from 'exceljs';
import type { Campaign } from '../../../src/domain/campaign/campaign-schema.js';
import { buildTemplateWorkbook } from '../../../src/adapters/workbook/template/index.js';
import type { FormDefinition } from '../../../src/domain/forms/types.js';

export interface FilledFormInput {
  /** Header block values by header field key (unit, contact, phone, email). */
  header: Record<string, unknown>;
  /** Activity rows by column key; a row without `seq` keeps the template's number. */
  rows: Record<string, unknown>[];
  /**
   * Values for the 合计 row by column key, replacing the template's SUM formulas (to state a
   * wrong total, say). Without it the formulas stay, with the right cached results.
   */
  totals?: Record<string, unknown>;
  /** Add the filled sheet to this workbook instead of a new one (both forms in one file). */
  into?: ExcelJS.Workbook;
}

export interface FilledWorkbook {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  firstDataRow: number;
  headerRow: number;
  totalsRow: number | null;
}

/** The filled template as a workbook, for fixtures that alter it further before writing. */
export function buildFilledWorkbook(def: FormDefinition, campaign: Campaign, input: FilledFormInput): FilledWorkbook {
  const { workbook, layout } = buildTemplateWorkbook(def, campaign, {
    dataRows: Math.max(def.paddingRows, input.rows.length),
    ...(input.into ? { into: input.into } : {}),
  });
  const sheet = workbook.getWorksheet(def.sheetName)!;
  for (const place of layout.headerFields) {
    if (place.key in input.header) sheet.getCell(place.row, place.valueColumns[0]).value = input.header[place.key] as ExcelJS.CellValue;
  }
  const columnOf = new Map(def.columns.map((c, i) => [c.key, i + 1]));
  input.rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const col = columnOf.get(key);
      if (!col) throw new Error(`buildFilledForm: ${def.id} has no column ${key}`);
      sheet.getCell(layout.firstDataRow + i, col).value = value as ExcelJS.CellValue;
    }
  });
  if (layout.totalsRow) {
    for (const key of def.summedColumns) {
      const cell = sheet.getCell(layout.totalsRow, columnOf.get(key)!);
      if (input.totals && key in input.totals) {
        cell.value = input.totals[key] as ExcelJS.CellValue;
      } else {
        const sum = input.rows.reduce((acc, r) => acc + (typeof r[key] === 'number' ? r[key] : 0), 0);
        const formula = (cell.value as ExcelJS.CellFormulaValue).formula;
        cell.value = { formula, result: sum };
      }
    }
  }
  return { workbook, sheet, firstDataRow: layout.firstDataRow, headerRow: layout.headerRow, totalsRow: layout.totalsRow };
}

export async function buildFilledForm(def: FormDefinition, campaign: Campaign, input: FilledFormInput): Promise<Buffer> {
  const { workbook } = buildFilledWorkbook(def, campaign, input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
