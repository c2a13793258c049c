/**
 * What a rule fixture is, and how its expectation is worked out from the shipped definitions:
 * where a cell sits on the filled template (the template's layout is the definition's column
 * order) and the full message, rendered by the judge's own message registry from the facts of
 * the case — so no sentence is typed twice, yet the checked-in manifest pins every character.
 */
import type ExcelJS from 'exceljs';
import type { Campaign } from '../../../../src/domain/campaign/campaign-schema.js';
import type { Severity } from '../../../../src/domain/forms/problem.js';
import { headerPlace, problemMessages, renderMessage, rowPlace, totalsPlace, type JudgeProblemCode, type MessageParams } from '../../../../src/domain/forms/judge/messages.js';
import { columnLetter, templateLayout } from '../../../../src/adapters/workbook/template/index.js';
import type { FormDefinition, FormId } from '../../../../src/domain/forms/types.js';
import type { FilledFormInput, FilledWorkbook } from '../fixture-builder.js';

/** One problem as the test compares it (form and sheet are the same for every problem of a file). */
export interface ExpectedProblem {
  code: JudgeProblemCode;
  severity: Severity;
  cell: string | null;
  column: string | null;
  value: string | null;
  message: string;
}

/** A manifest line: one fixture file and the one problem (or none) it must give. */
export interface RuleFixture {
  file: string;
  form: FormId;
  sheet: string;
  /** The judge code broken, or null for a valid form. */
  rule: JudgeProblemCode | null;
  /** The user's story, used as the test's name. */
  story: string;
  /** Who wrote the file: the fixture builder (exceljs) or LibreOffice re-saving it. */
  producer: 'exceljs' | 'libreoffice';
  /** What the script put in the broken cell (a date cell as `{ date }`), when it wrote one. */
  written?: unknown;
  /** The message's parameters (for 合计: `stated` and `computed`). */
  params?: Record<string, unknown>;
  problems: ExpectedProblem[];
}

/** Where a cell is on the filled template, and the phrase that opens its message. */
export interface Site {
  cell: string;
  column: string;
  where: string;
}

export interface CaseKit {
  def: FormDefinition;
  campaign: Campaign;
  /** Worksheet row of the broken activity (the third one: row 7 on the shipped templates). */
  brokenRow: number;
  /** A cell of the broken activity row. */
  row(key: string): Site;
  /** The value cell of a header block field (推荐单位 …). */
  header(key: string): Site;
  /** A cell of the 合计 row. */
  totals(key: string): Site;
  /** A column's options (活动类别, 活动形式) as the definition resolves them from the campaign. */
  options(key: string): string[];
  column(key: string): { label: string; index: number };
}

/** Index of the broken activity in `rows`: the third, so that it sits in row 7 as in docs/forms.md's example ("Severity"). */
export const BROKEN = 2;

export function caseKit(def: FormDefinition, campaign: Campaign, dataRows = def.paddingRows): CaseKit {
  const layout = templateLayout(def, dataRows);
  const column = (key: string) => {
    const index = def.columns.findIndex((c) => c.key === key);
    if (index < 0) throw new Error(`${def.id} has no column ${key}`);
    return { label: def.columns[index]!.label, index: index + 1 };
  };
  const brokenRow = layout.firstDataRow + BROKEN;
  return {
    def,
    campaign,
    brokenRow,
    column,
    row(key) {
      const { label, index } = column(key);
      const cell = `${columnLetter(index)}${brokenRow}`;
      return { cell, column: label, where: rowPlace(brokenRow, label, cell) };
    },
    header(key) {
      const place = layout.headerFields.find((f) => f.key === key);
      const field = def.headerFields.find((f) => f.key === key);
      if (!place || !field) throw new Error(`${def.id} has no header field ${key}`);
      const cell = `${columnLetter(place.valueColumns[0])}${place.row}`;
      return { cell, column: field.label, where: headerPlace(field.label, cell) };
    },
    totals(key) {
      if (layout.totalsRow === null || def.totalsLabel === null) throw new Error(`${def.id} has no totals row`);
      const { label, index } = column(key);
      const cell = `${columnLetter(index)}${layout.totalsRow}`;
      return { cell, column: label, where: totalsPlace(def.totalsLabel, label, cell) };
    },
    options(key) {
      return [...(def.columns.find((c) => c.key === key)?.options ?? [])];
    },
  };
}

export interface Expectation {
  problem: ExpectedProblem;
  params: Record<string, unknown>;
}

/** The problem a case expects: severity and message from the judge's registry. */
export function expectProblem<C extends JudgeProblemCode>(
  code: C,
  site: { cell: string | null; column: string | null; value: string | null },
  params: MessageParams<C>,
): Expectation {
  const problem = { code, severity: problemMessages[code].severity, cell: site.cell, column: site.column, value: site.value, message: renderMessage(code, params) };
  return { problem, params: { ...params } };
}

/** One broken rule: how to fill the form (starting from a valid one) and what the judge must say. */
export interface RuleCase {
  /** File name stem, e.g. `recommendation-date-unrecognised`. */
  name: string;
  story: string;
  /** Changes to the valid header block. */
  header?: Record<string, unknown>;
  /** Changes to the broken (third) activity row. */
  row?: Record<string, unknown>;
  /** All activity rows instead of the valid ones. */
  rows?: Record<string, unknown>[];
  totals?: FilledFormInput['totals'];
  /** A change the template cannot express by values, e.g. a column the unit deleted. */
  alter?: (filled: FilledWorkbook, kit: CaseKit) => void;
  /** What was written, for the manifest. */
  written?: unknown;
  expect: (kit: CaseKit) => Expectation;
}

/**
 * Deletes a column of the table the way a unit does (select it from the header row down → delete →
 * shift cells left): the cells to its right move one column left, with their styles, dropdowns and
 * formulas (SUM(I5:I24) becomes SUM(H5:H24)). exceljs's own spliceColumns is not used: it leaves
 * the header block's merged cells behind, so the file would lose 联系人 as well.
 */
export function deleteColumn(filled: FilledWorkbook, index: number): void {
  const { sheet, headerRow } = filled;
  const last = sheet.columnCount;
  const validations = (sheet as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  for (let r = headerRow; r <= sheet.rowCount; r++) {
    for (let c = index; c <= last; c++) {
      const to = sheet.getCell(r, c);
      const from = c < last ? sheet.getCell(r, c + 1) : null;
      to.value = from ? shiftFormula(from.value, index) : null;
      to.style = from ? { ...from.style } : {};
      const rule = from ? validations[from.address] : undefined;
      if (rule) validations[to.address] = rule;
      else delete validations[to.address];
    }
  }
}

/** Moves references to columns right of the deleted one a column left. */
function shiftFormula(value: ExcelJS.CellValue, deleted: number): ExcelJS.CellValue {
  if (value === null || typeof value !== 'object' || !('formula' in value) || typeof value.formula !== 'string') return value;
  const formula = value.formula.replace(/\b([A-Z]{1,3})(\d+)\b/g, (ref: string, letters: string, row: string) => {
    const n = columnNumber(letters);
    return n > deleted ? `${columnLetter(n - 1)}${row}` : ref;
  });
  return { ...value, formula };
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export const dateCell = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The campaign's activity window, as `date.outsideWindow` names it. */
export function windowOf(kit: CaseKit): { start: string; end: string } {
  return { start: kit.campaign.activityWindow.start, end: kit.campaign.activityWindow.end };
}
