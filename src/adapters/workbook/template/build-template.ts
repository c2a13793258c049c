/**
 * The blank template of a form, generated from its definition: what units are sent with the
 * notice and what the reader knows best. Title, header block, a styled header row, numbered
 * padding rows with validation and prompts, a 合计 row with SUM formulas, print set-up, and the
 * hidden fingerprint.
 */
import ExcelJS from 'exceljs';
import type { Campaign } from '../../../domain/campaign/campaign-schema.js';
import { formContext, SERIAL_COLUMN_KEY } from '../../../config/form-definitions.js';
import type { ColumnDefinition, FormDefinition } from '../../../domain/forms/types.js';
import { FINGERPRINT_MARK, FINGERPRINT_SHEET } from './fingerprint.js';
import { columnLetter, templateLayout, type TemplateLayout } from './layout.js';
import { validationFor } from './validations.js';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FONT = '宋体';

export interface TemplateOptions {
  /** Data rows to lay out (default: the definition's paddingRows). */
  dataRows?: number;
  /** Add the form's sheet to this workbook (one holding another form already) instead of a new one. */
  into?: ExcelJS.Workbook;
}

/** Builds the template as a workbook, so the fixture builder can fill it before writing. */
export function buildTemplateWorkbook(def: FormDefinition, campaign: Campaign, options: TemplateOptions = {}): { workbook: ExcelJS.Workbook; layout: TemplateLayout } {
  const layout = templateLayout(def, options.dataRows);
  const workbook = options.into ?? new ExcelJS.Workbook();
  workbook.creator = 'inbox-worker';
  const sheet = workbook.addWorksheet(def.sheetName, {
    views: [{ state: 'frozen', ySplit: layout.headerRow, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `${layout.headerRow}:${layout.headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  const lists = addFingerprint(workbook, def);

  sheet.columns = def.columns.map((c) => ({ key: c.key, width: c.width ?? 12 }));
  writeTitle(sheet, def, layout);
  writeHeaderBlock(sheet, def, layout);
  writeHeaderRow(sheet, def, layout);
  const context = formContext(campaign);
  def.columns.forEach((column, i) => {
    const validation = validationFor(column, context, lists);
    for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) styleDataCell(sheet.getCell(r, i + 1), column);
    const letter = columnLetter(i + 1);
    if (validation) rangeValidations(sheet).add(`${letter}${layout.firstDataRow}:${letter}${layout.lastDataRow}`, validation);
  });
  const seq = def.columns.findIndex((c) => c.key === SERIAL_COLUMN_KEY);
  if (seq >= 0) {
    for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) sheet.getCell(r, seq + 1).value = r - layout.firstDataRow + 1;
  }
  if (layout.totalsRow) writeTotalsRow(sheet, def, layout);
  return { workbook, layout };
}

export async function buildTemplate(def: FormDefinition, campaign: Campaign): Promise<Buffer> {
  const { workbook } = buildTemplateWorkbook(def, campaign);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One validation per column range. Setting `cell.dataValidation` cell by cell makes exceljs 4.4
 * write overlapping ranges (it sorts `A10` before `A5`), which Excel then "repairs"; the
 * worksheet's untyped `dataValidations.add(range, …)` writes one clean sqref.
 */
function rangeValidations(sheet: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function writeTitle(sheet: ExcelJS.Worksheet, def: FormDefinition, layout: TemplateLayout): void {
  sheet.mergeCells(layout.titleRow, 1, layout.titleRow, layout.columnCount);
  const title = sheet.getCell(layout.titleRow, 1);
  title.value = def.title;
  title.font = { name: '方正小标宋简体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(layout.titleRow).height = 36;
}

function writeHeaderBlock(sheet: ExcelJS.Worksheet, def: FormDefinition, layout: TemplateLayout): void {
  for (const place of layout.headerFields) {
    const field = def.headerFields.find((f) => f.key === place.key);
    if (!field) continue;
    sheet.mergeCells(place.row, place.labelColumn, place.row, place.labelColumn + 1);
    const label = sheet.getCell(place.row, place.labelColumn);
    label.value = `${field.label}：`;
    label.font = { name: FONT, size: 11, bold: true };
    label.alignment = { horizontal: 'right', vertical: 'middle' };
    const [from, to] = place.valueColumns;
    if (to > from) sheet.mergeCells(place.row, from, place.row, to);
    const value = sheet.getCell(place.row, from);
    value.font = { name: FONT, size: 11 };
    value.alignment = { horizontal: 'left', vertical: 'middle' };
    // Phone numbers keep their leading 0 only as text.
    if (field.type === 'phone') value.numFmt = '@';
    for (let c = from; c <= to; c++) sheet.getCell(place.row, c).border = { bottom: { style: 'thin' } };
    sheet.getRow(place.row).height = 22;
  }
}

function writeHeaderRow(sheet: ExcelJS.Worksheet, def: FormDefinition, layout: TemplateLayout): void {
  const row = sheet.getRow(layout.headerRow);
  def.columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    cell.value = column.label;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  row.height = 32;
}

function styleDataCell(cell: ExcelJS.Cell, column: ColumnDefinition): void {
  cell.border = THIN;
  cell.font = { name: FONT, size: 11 };
  cell.alignment = { vertical: 'middle', wrapText: column.type === 'text' || column.type === 'urls' };
  if (column.type === 'date') cell.numFmt = 'yyyy-mm-dd';
  else if (column.type === 'phone') cell.numFmt = '@';
  else if (column.type === 'integer') cell.numFmt = '0';
}

function writeTotalsRow(sheet: ExcelJS.Worksheet, def: FormDefinition, layout: TemplateLayout): void {
  const r = layout.totalsRow!;
  const nameColumn = def.columns.findIndex((c) => c.key !== SERIAL_COLUMN_KEY) + 1;
  def.columns.forEach((column, i) => {
    const cell = sheet.getCell(r, i + 1);
    cell.border = THIN;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    if (def.summedColumns.includes(column.key)) {
      const letter = columnLetter(i + 1);
      cell.value = { formula: `SUM(${letter}${layout.firstDataRow}:${letter}${layout.lastDataRow})`, result: 0 };
      cell.numFmt = '0';
    }
  });
  sheet.getCell(r, nameColumn).value = def.totalsLabel;
}

/** Writes the `_form` sheet; returns how to point a dropdown at a long option list kept there. */
function addFingerprint(workbook: ExcelJS.Workbook, def: FormDefinition): (options: string[]) => string {
  const hidden = workbook.getWorksheet(FINGERPRINT_SHEET) ?? workbook.addWorksheet(FINGERPRINT_SHEET, { state: 'veryHidden' });
  hidden.getCell('A1').value = FINGERPRINT_MARK;
  hidden.getRow(hidden.rowCount + 1).values = [def.id, def.version, def.sheetName];
  let nextListColumn = 5 + hidden.columnCount;
  return (options) => {
    const letter = columnLetter(nextListColumn++);
    options.forEach((o, i) => { hidden.getCell(`${letter}${i + 1}`).value = o; });
    return `${FINGERPRINT_SHEET}!$${letter}$1:$${letter}$${options.length}`;
  };
}
