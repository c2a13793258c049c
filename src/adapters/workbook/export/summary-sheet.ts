/**
 * The 汇总 sheet: per unit, each form's status and activity count, the totals of every integer
 * statistics column of the report, and what is still missing; a 合计 row at the foot. Totals are
 * written as numbers, not formulas, so phone previews (which do not calculate) show them too.
 */
import type { Row, Workbook } from 'exceljs';
import { STATUS_LABELS } from '../../../domain/digest/labels.js';
import { SERIAL_COLUMN_KEY } from '../../../domain/forms/definition/forms-schema.js';
import type { FormDefinition } from '../../../domain/forms/types.js';
import { missingReportParts, NO_REPORT_PARTS, type ReportParts } from '../../../domain/recognition/report-parts.js';
import type { MergedSubmissionRows, MergedWorkbookInput } from './merged-input.js';
import { writeNumber, writeText } from './safe-cell.js';
import { addFilter, columnWidths, FROZEN_HEADER_VIEWS, styleHeaderRow } from './sheet-style.js';

export const SUMMARY_SHEET_NAME = '汇总';

export interface UnitSummary {
  unit: string;
  /** Per form, in definition order. */
  forms: { status: string; activities: number }[];
  /** Report statistics column key → total over the unit's report rows. */
  statistics: Record<string, number>;
  /** Chinese names of what the unit still owes, e.g. `推荐表`, `总结材料`. */
  missing: string[];
}

/** Integer columns of the report form other than 序号: the ones worth adding up. */
export function statisticsColumns(definitions: readonly FormDefinition[]) {
  const report = definitions.find((d) => d.id === 'report');
  return report ? report.columns.filter((c) => c.type === 'integer' && c.key !== SERIAL_COLUMN_KEY) : [];
}

export function summarizeUnits(input: MergedWorkbookInput, formLabels: readonly string[]): UnitSummary[] {
  const stats = statisticsColumns(input.definitions);
  const byForm = input.definitions.map((d) => new Map((input.rows[d.id] ?? []).map((s): [string, MergedSubmissionRows] => [s.unit, s])));
  return input.units.map((unit) => {
    const forms = input.definitions.map((_, i) => {
      const s = byForm[i]?.get(unit);
      return { status: s ? STATUS_LABELS[s.status] : '未提交', activities: s?.rows.length ?? 0 };
    });
    const reportIndex = input.definitions.findIndex((d) => d.id === 'report');
    const report = reportIndex >= 0 ? byForm[reportIndex]?.get(unit) : undefined;
    const statistics: Record<string, number> = {};
    for (const c of stats) statistics[c.key] = (report?.rows ?? []).reduce((sum, r) => sum + numberOr0(r.values[c.key]), 0);

    const missing: string[] = [];
    input.definitions.forEach((d, i) => {
      if (d.id !== 'report' && !byForm[i]?.has(unit)) missing.push(formLabels[i] ?? d.sheetName);
    });
    if (reportIndex >= 0) {
      const parts: ReportParts = input.reportParts[unit] ?? (report ? { ...NO_REPORT_PARTS, table: true } : NO_REPORT_PARTS);
      missing.push(...missingReportParts(parts).map((p) => p.label));
    }
    return { unit, forms, statistics, missing };
  });
}

function numberOr0(v: string | number | null | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function addSummarySheet(workbook: Workbook, input: MergedWorkbookInput, formLabels: readonly string[]): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET_NAME, { views: FROZEN_HEADER_VIEWS });
  const stats = statisticsColumns(input.definitions);
  const headers = ['单位', ...formLabels.flatMap((l) => [`${l}状态`, `${l}活动数`]), ...stats.map((c) => c.label), '缺少材料'];
  const summaries = summarizeUnits(input, formLabels);
  const lines = summaries.map((s): (string | number)[] => [s.unit, ...s.forms.flatMap((f) => [f.status, f.activities]), ...stats.map((c) => s.statistics[c.key] ?? 0), s.missing.join('、')]);
  const totals: (string | number)[] = [
    '合计',
    ...input.definitions.flatMap((_, i) => [`${summaries.filter((s) => s.forms[i]?.status !== '未提交').length} 个单位已提交`, sum(summaries.map((s) => s.forms[i]?.activities ?? 0))]),
    ...stats.map((c) => sum(summaries.map((s) => s.statistics[c.key] ?? 0))),
    `${summaries.filter((s) => s.missing.length > 0).length} 个单位缺材料`,
  ];
  sheet.columns = columnWidths([24], [headers, ...lines, totals]);

  const header = sheet.getRow(1);
  headers.forEach((text, i) => writeText(header.getCell(i + 1), text));
  styleHeaderRow(header, headers.length);
  header.commit();
  lines.forEach((values, r) => {
    const row = sheet.getRow(r + 2);
    writeRow(row, values);
    row.commit();
  });
  const totalsRow = sheet.getRow(summaries.length + 2);
  writeRow(totalsRow, totals);
  totalsRow.font = { bold: true };
  totalsRow.commit();
  addFilter(sheet, headers.length, summaries.length + 1);
  sheet.commit();
}

function writeRow(row: Row, values: readonly (string | number)[]): void {
  values.forEach((v, i) => (typeof v === 'number' ? writeNumber(row.getCell(i + 1), v) : writeText(row.getCell(i + 1), v)));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
