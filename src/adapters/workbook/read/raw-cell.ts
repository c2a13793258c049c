/**
 * One exceljs cell as a RawCell: what is there, no judgement. Merged cells give the master's value
 * and reference; rich text is flattened; formulas give their cached result; a hyperlink keeps its
 * target. exceljs already turns a number whose format is a date format into a Date.
 */
import type ExcelJS from 'exceljs';
import type { RawCell } from '../../../domain/forms/types.js';

type Plain = RawCell['value'];

export function rawCell(cell: ExcelJS.Cell): RawCell {
  const master = cell.isMerged ? cell.master : cell;
  const value = plainValue(master.value);
  const numFmt = master.numFmt ?? master.style?.numFmt ?? null;
  return {
    ref: master.address,
    value,
    numFmt: typeof numFmt === 'string' && numFmt !== '' ? numFmt : null,
    hyperlink: hyperlinkOf(master.value),
  };
}

export function plainValue(v: ExcelJS.CellValue | undefined): Plain {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return text(v);
  if ('richText' in v) return text(v.richText.map((r) => r.text).join(''));
  if ('hyperlink' in v) {
    const t = v.text as unknown;
    if (t && typeof t === 'object' && 'richText' in t) return text((t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''));
    return text(String(t ?? v.hyperlink));
  }
  if ('formula' in v || 'sharedFormula' in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in v) return v.error;
  return null;
}

function hyperlinkOf(v: ExcelJS.CellValue | undefined): string | null {
  if (v && typeof v === 'object' && !(v instanceof Date) && 'hyperlink' in v && typeof v.hyperlink === 'string' && v.hyperlink !== '') {
    return v.hyperlink;
  }
  return null;
}

function text(s: string): string | null {
  const t = s.trim();
  return t === '' ? null : t;
}

/** The text a person sees for matching headers and labels; numbers and dates count as not text. */
export function cellText(cell: RawCell): string {
  return typeof cell.value === 'string' ? cell.value : '';
}

export function isEmpty(cell: RawCell | undefined): boolean {
  return !cell || cell.value === null;
}
