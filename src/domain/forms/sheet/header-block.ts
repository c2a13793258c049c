/**
 * Reads the header block above the header (推荐单位, 联系人 …). A label is a cell `推荐单位：`, or a
 * bare `推荐单位`, or one of several `label：value` pairs in one cell (`推荐单位：电气学院  联系人：张三`).
 * Its value is, in this order: after the colon in the same cell; the first filled cell to its right
 * (across empty and merged cells, stopping at another label); the cell below it, when the block is
 * drawn as a small table (labels in one row, values under them).
 */
import { normalizeLabel } from '../definition/normalize-label.js';
import { MAX_LABEL_TEXT } from '../form-limits.js';
import type { FormDefinition, RawCell } from '../types.js';
import { cellRef, type GridView } from './grid.js';

/** `http:` and `mailto:` are parts of values, not labels. */
const NOT_LABELS = new Set(['http', 'https', 'mailto', 'ftp']);
/** The block is a few rows wide; past this a row is a long note, not a field. */
const MAX_BLOCK_COLUMNS = 60;
/** A cell of several `label：value` pairs is a line; a longer text is a note, never searched for labels. */
const MAX_PAIRS_TEXT = MAX_LABEL_TEXT * 5;

interface LabelHit { key: string | null; start: number; end: number }

export function readHeaderBlock(view: GridView, def: FormDefinition, headerTop: number): Record<string, RawCell | undefined> {
  const index = new Map<string, string>();
  for (const f of def.headerFields) for (const t of [f.label, ...f.aliases]) if (!index.has(normalizeLabel(t))) index.set(normalizeLabel(t), f.key);
  const width = Math.min(view.colCount, MAX_BLOCK_COLUMNS);
  const found: Record<string, RawCell | undefined> = {};
  const isLabel = (r: number, c: number): boolean => {
    const text = view.text(r, c);
    return text !== '' && (index.has(normalizeLabel(text)) || labelHits(text, index).some((h) => h.start === 0));
  };

  for (let r = 1; r < headerTop; r++) {
    for (let c = 1; c <= width; c++) {
      if (!view.isMaster(r, c)) continue;
      const cell = view.at(r, c);
      const text = view.text(r, c);
      if (!cell || !text) continue;
      const hits = labelHits(text, index);
      if (hits.length === 0 && index.has(normalizeLabel(text))) hits.push({ key: index.get(normalizeLabel(text))!, start: 0, end: text.length });
      hits.forEach((hit, h) => {
        if (!hit.key || found[hit.key]) return;
        const next = hits[h + 1];
        const inline = text.slice(hit.end, next ? next.start : undefined).trim();
        if (inline) { found[hit.key] = { ...cell, value: inline }; return; }
        if (next) return;
        found[hit.key] = valueRightOf(view, r, c, width, isLabel) ?? valueBelow(view, r, c, headerTop, isLabel) ?? emptyValue(view, r, c, isLabel);
      });
    }
  }
  return found;
}

function valueRightOf(view: GridView, r: number, c: number, width: number, isLabel: (r: number, c: number) => boolean): RawCell | null {
  for (let x = (view.mergeAt(r, c)?.right ?? c) + 1; x <= width; x++) {
    if (!view.isMaster(r, x)) continue;
    if (isLabel(r, x)) return null;
    const cell = view.at(r, x);
    if (cell && cell.value !== null) return cell;
  }
  return null;
}

/** No value anywhere: the problem points at the cell just right of the label (where the template has the blank), else at the label. */
function emptyValue(view: GridView, r: number, c: number, isLabel: (r: number, c: number) => boolean): RawCell {
  const next = (view.mergeAt(r, c)?.right ?? c) + 1;
  const m = view.mergeAt(r, next);
  const ref = isLabel(r, next) ? cellRef(r, c) : cellRef(m?.top ?? r, m?.left ?? next);
  return { ref, value: null, numFmt: null, hyperlink: null };
}

/** The value under a label, when the block is a small table: only if the row below holds no label there. */
function valueBelow(view: GridView, r: number, c: number, headerTop: number, isLabel: (r: number, c: number) => boolean): RawCell | null {
  const below = (view.mergeAt(r, c)?.bottom ?? r) + 1;
  if (below >= headerTop || isLabel(below, c)) return null;
  const cell = view.at(below, c);
  return cell && cell.value !== null ? { ...cell, ref: cell.ref || cellRef(below, c) } : null;
}

/**
 * Every `label：` in a text, known or not (an unknown one such as `填表日期：` still ends the value
 * before it). A known label glued to the previous value (`计算机学院联系人：`) is split off.
 */
function labelHits(text: string, index: Map<string, string>): LabelHit[] {
  const hits: LabelHit[] = [];
  if (text.length > MAX_PAIRS_TEXT) return hits;
  for (const { token, start, end } of colonTokens(text)) {
    if (NOT_LABELS.has(token.toLowerCase()) || /^\d+$/.test(token)) continue;
    const norm = normalizeLabel(token);
    const whole = index.get(norm);
    if (whole) { hits.push({ key: whole, start, end }); continue; }
    const suffix = [...index.keys()].filter((l) => norm.endsWith(l)).sort((a, b) => b.length - a.length)[0];
    if (suffix) hits.push({ key: index.get(suffix)!, start: start + token.length - suffix.length, end });
    else hits.push({ key: null, start, end });
  }
  return hits;
}

/**
 * Each run of characters that are neither white space nor a colon and is followed (after
 * optional white space) by `:` or `：` — what `/([^\s:：]+?)\s*[:：]/g` finds, in one pass: that
 * pattern backtracks over every start of a long run and costs the square of its length.
 */
function colonTokens(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  let runStart = -1;
  let runEnd = -1;
  let spaced = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ':' || ch === '：') {
      if (runStart >= 0) out.push({ token: text.slice(runStart, runEnd), start: runStart, end: i + 1 });
      runStart = -1;
      spaced = false;
    } else if (/\s/.test(ch)) {
      if (runStart >= 0) spaced = true;
    } else {
      if (runStart < 0 || spaced) { runStart = i; spaced = false; }
      runEnd = i + 1;
    }
  }
  return out;
}
