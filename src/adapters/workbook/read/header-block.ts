/**
 * Reads the header block above the header row: label cells such as `推荐单位：` with the value in
 * the cell(s) to the right, or `推荐单位：计算机学院` in one cell, or several fields in one cell
 * (`推荐单位：计算机学院  联系人：张三`), as old forms often have.
 */
import type ExcelJS from 'exceljs';
import { normalizeLabel } from '../../../config/form-definitions.js';
import type { FormDefinition, RawCell } from '../../../domain/forms/types.js';
import { rawCell, cellText } from './raw-cell.js';

/** `label：` occurrences; `http:` and `mailto:` are parts of values, not labels. */
const LABEL = /([^\s:：]+?)\s*[:：]/g;
const NOT_LABELS = new Set(['http', 'https', 'mailto', 'ftp']);

interface LabelHit { key: string | null; start: number; end: number }

export function readHeaderBlock(sheet: ExcelJS.Worksheet, def: FormDefinition, headerRowNumber: number): Record<string, RawCell | undefined> {
  const index = new Map<string, string>();
  for (const f of def.headerFields) for (const t of [f.label, ...f.aliases]) if (!index.has(normalizeLabel(t))) index.set(normalizeLabel(t), f.key);
  const found: Record<string, RawCell | undefined> = {};

  for (let r = 1; r < headerRowNumber; r++) {
    const row = sheet.getRow(r);
    const cells = masterCells(row);
    cells.forEach((cell, i) => {
      const text = cellText(cell).normalize('NFKC');
      if (!text) return;
      const hits = labelHits(text, index);
      // A bare label without a colon (`推荐单位` then the value to its right) also counts.
      if (hits.length === 0 && index.has(normalizeLabel(text))) hits.push({ key: index.get(normalizeLabel(text))!, start: 0, end: text.length });
      hits.forEach((hit, h) => {
        if (!hit.key || found[hit.key]) return;
        const next = hits[h + 1];
        const inline = text.slice(hit.end, next ? next.start : undefined).trim();
        if (inline) {
          found[hit.key] = { ...cell, value: inline, hyperlink: cell.hyperlink };
        } else if (!next) {
          const right = cells[i + 1];
          const rightIsLabel = right && labelHits(cellText(right).normalize('NFKC'), index).some((x) => x.start === 0);
          found[hit.key] = right && !rightIsLabel ? right : { ref: cell.ref, value: null, numFmt: null, hyperlink: null };
        }
      });
    });
  }
  return found;
}

/** The distinct cells of a row, left to right, a merge counted once at its master. */
function masterCells(row: ExcelJS.Row): RawCell[] {
  const out: RawCell[] = [];
  for (let c = 1; c <= row.cellCount; c++) {
    const cell = row.getCell(c);
    if (cell.isMerged && cell.master.address !== cell.address) continue;
    out.push(rawCell(cell));
  }
  return out;
}

/**
 * Every `label：` in a text, known or not (an unknown one such as `填表日期：` still ends the value
 * before it). A known label glued to the previous value (`计算机学院联系人：`) is split off.
 */
function labelHits(text: string, index: Map<string, string>): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const m of text.matchAll(LABEL)) {
    const token = m[1]!;
    if (NOT_LABELS.has(token.toLowerCase()) || /^\d+$/.test(token)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const whole = index.get(normalizeLabel(token));
    if (whole) { hits.push({ key: whole, start, end }); continue; }
    const suffix = [...index.keys()].filter((l) => normalizeLabel(token).endsWith(l)).sort((a, b) => b.length - a.length)[0];
    if (suffix) {
      hits.push({ key: index.get(suffix)!, start: start + token.length - suffix.length, end });
    } else {
      hits.push({ key: null, start, end });
    }
  }
  return hits;
}
