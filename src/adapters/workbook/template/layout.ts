/**
 * Where things sit on a blank template. The template builder and the fixture builder share it;
 * the reader does not (it finds the header by its texts, since units move things around).
 */
import type { FormDefinition } from '../../../domain/forms/types.js';

export interface HeaderFieldPlace {
  key: string;
  row: number;
  labelColumn: number;
  /** First and last column of the merged value cell. */
  valueColumns: [number, number];
}

export interface TemplateLayout {
  titleRow: number;
  headerFields: HeaderFieldPlace[];
  headerRow: number;
  firstDataRow: number;
  /** Last padding row. */
  lastDataRow: number;
  /** Row of 合计, or null when the form has none. */
  totalsRow: number | null;
  columnCount: number;
}

/** Header fields go two to a row: label (2 columns) then its value cell across the half. */
export function templateLayout(def: FormDefinition, dataRows = def.paddingRows): TemplateLayout {
  const columnCount = def.columns.length;
  const half = Math.ceil(columnCount / 2);
  const headerFields = def.headerFields.map((f, i): HeaderFieldPlace => {
    const left = i % 2 === 0;
    const labelColumn = left ? 1 : half + 1;
    return { key: f.key, row: 2 + Math.floor(i / 2), labelColumn, valueColumns: [labelColumn + 2, left ? half : columnCount] };
  });
  const headerRow = 2 + Math.ceil(def.headerFields.length / 2);
  const firstDataRow = headerRow + 1;
  const lastDataRow = firstDataRow + Math.max(dataRows, 1) - 1;
  return {
    titleRow: 1,
    headerFields,
    headerRow,
    firstDataRow,
    lastDataRow,
    totalsRow: def.totalsLabel ? lastDataRow + 1 : null,
    columnCount,
  };
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
