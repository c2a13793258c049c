/**
 * Finds a form's header row by its texts: the row that names the most of the form's required
 * columns, wherever it sits. Maps each column by label or alias; extra columns are ignored.
 */
import type ExcelJS from 'exceljs';
import { normalizeLabel } from '../../../config/form-definitions.js';
import type { FormDefinition } from '../../../domain/forms/types.js';
import { rawCell, cellText } from './raw-cell.js';

/** Header rows sit near the top; old forms add a few title and note rows, never dozens. */
const HEADER_SEARCH_ROWS = 40;
/** Share of the required columns a row must name to count as the form's header. */
export const HEADER_MATCH_SHARE = 0.7;

export interface HeaderMatch {
  rowNumber: number;
  /** key → column number and the header text as written. */
  columns: Map<string, { col: number; headerText: string }>;
  requiredFound: number;
  requiredTotal: number;
}

export function labelIndex(def: FormDefinition): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of def.columns) for (const t of [c.label, ...c.aliases]) if (!index.has(normalizeLabel(t))) index.set(normalizeLabel(t), c.key);
  return index;
}

export function matchHeaderRow(sheet: ExcelJS.Worksheet, def: FormDefinition): HeaderMatch | null {
  const index = labelIndex(def);
  const required = new Set(def.columns.filter((c) => c.required).map((c) => c.key));
  let best: HeaderMatch | null = null;
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const columns = new Map<string, { col: number; headerText: string }>();
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      // A header merged across two columns names the column once, at its master.
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const written = cellText(rawCell(cell));
      const key = written ? index.get(normalizeLabel(written)) : undefined;
      if (key && !columns.has(key)) columns.set(key, { col: c, headerText: written });
    }
    const requiredFound = [...columns.keys()].filter((k) => required.has(k)).length;
    if (!best || requiredFound > best.requiredFound || (requiredFound === best.requiredFound && columns.size > best.columns.size)) {
      best = { rowNumber: r, columns, requiredFound, requiredTotal: required.size };
    }
  }
  return best && best.requiredTotal > 0 && best.requiredFound / best.requiredTotal >= HEADER_MATCH_SHARE ? best : null;
}
