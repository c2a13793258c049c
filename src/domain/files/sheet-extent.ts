/**
 * Measures a sheet's real extent from its XML as it streams by, before exceljs sees it
 * (docs/limits.md): the row and column of every `<row r>`, `<c r>` and `<mergeCell ref>`, the
 * cells the reader would hold, and the longest text of a cell (the text of one `<t>`, `<v>` or
 * `<f>` element, CDATA included; an entity counts as one character; white space between tags is
 * not cell text). The `dimension` tag is ignored: it can lie. One pass over the bytes
 * with a bounded buffer per tag, so a hostile part costs time linear in its size and no memory;
 * tag names, references and attributes are read from the bytes themselves, without making a
 * string or a pattern per tag (this scan runs over every sheet of every mail).
 * Fed the shared strings part (`sheet` ''), only the text limit applies. The cells of all sheets
 * of a workbook share one tally, so a thousand copies of a sheet cannot pass one by one.
 */
import { breachOf, type SheetLimitBreach, type SheetLimits } from './sheet-limits.js';

export interface SheetExtentScan {
  /** Feeds the next bytes; returns the first breach (then stop feeding), else null. */
  push(chunk: Uint8Array): SheetLimitBreach | null;
  /** What was seen so far: highest row and column, cells the reader would hold, longest text. */
  extent(): { rows: number; columns: number; cells: number; longestText: number };
}

const SLASH = 0x2f, COLON = 0x3a, EQ = 0x3d, DOLLAR = 0x24;
const LT = 0x3c, GT = 0x3e, QUOT = 0x22, APOS = 0x27, AMP = 0x26, SEMI = 0x3b, RSQB = 0x5d, DASH = 0x2d, BANG = 0x21;
/** A tag's name and its `r`/`ref` attribute fit here; what is longer is style attributes, ignored. */
const TAG_KEEP = 512;
const CDATA_OPEN = [BANG, 0x5b, 0x43, 0x44, 0x41, 0x54, 0x41, 0x5b]; // ![CDATA[
/** An `&` not closed by `;` within this many bytes is text, not an entity. */
const ENTITY_MAX = 12;

const TEXT = 0, TAG = 1, CDATA = 2, COMMENT = 3;
/** The tags the scan looks at, by local name: `t`/`v`/`f` hold a cell's text. */
const OTHER = 0, HOLDS_TEXT = 1, ROW = 2, CELL = 3, MERGE = 4;
const MERGE_CELL = [0x6d, 0x65, 0x72, 0x67, 0x65, 0x43, 0x65, 0x6c, 0x6c]; // mergeCell
const R = [0x72], REF = [0x72, 0x65, 0x66];

/** Cells counted across the scans of one workbook: the cells limit holds for the whole file. */
export interface CellTally { cells: number }

export function createSheetExtentScan(sheet: string, limits: SheetLimits, tally: CellTally = { cells: 0 }): SheetExtentScan {
  let mode = TEXT;
  const tag = new Uint8Array(TAG_KEEP);
  let tagLen = 0;
  let quote = 0;
  let run = 0;
  let entity = -1;
  let inCellText = false;
  let tail = 0; // last two bytes, for `]]>` and `-->`
  let longest = 0;
  let row = 0, col = 0, rowMax = 0, maxRow = 0, maxCol = 0, cells = 0;
  let breach: SheetLimitBreach | null = null;

  const reach = (r: number, c: number): void => {
    if (r > maxRow) { maxRow = r; breach ??= breachOf('rows', sheet, r, limits.maxRows); }
    if (c > maxCol) { maxCol = c; breach ??= breachOf('columns', sheet, c, limits.maxColumns); }
  };
  const addCells = (n: number): void => {
    cells += n;
    tally.cells += n;
    breach ??= breachOf('cells', sheet, tally.cells, limits.maxCells);
  };
  const endRow = (): void => { addCells(rowMax); rowMax = 0; };

  const onTag = (): void => {
    const kind = tagKind(tag, tagLen);
    if (tag[0] === SLASH) {
      if (kind === HOLDS_TEXT) inCellText = false;
      if (kind === ROW) endRow();
      return;
    }
    if (kind === HOLDS_TEXT) inCellText = tag[tagLen - 1] !== SLASH;
    else if (kind === ROW) {
      endRow();
      const at = attrValue(tag, tagLen, R);
      row = (at >= 0 ? positiveInt(tag, at >>> 16, at & 0xffff) : 0) || row + 1;
      col = 0;
      reach(row, 0);
      if (tag[tagLen - 1] === SLASH) endRow();
    } else if (kind === CELL) {
      const at = attrValue(tag, tagLen, R);
      const ref = at >= 0 ? parseRefBytes(tag, at >>> 16, at & 0xffff) : null;
      col = ref?.col ?? col + 1;
      reach(ref?.row ?? Math.max(row, 1), col);
      rowMax = Math.max(rowMax, col);
    } else if (kind === MERGE) {
      // exceljs creates every cell of a merge: its area counts towards the cells.
      const at = attrValue(tag, tagLen, REF);
      const start = at >= 0 ? at >>> 16 : 0, end = at >= 0 ? at & 0xffff : 0;
      const colon = indexIn(tag, COLON, start, end);
      const a = parseRefBytes(tag, start, colon < 0 ? end : colon);
      if (!a) return;
      let b: { row: number; col: number } | null = null;
      if (colon >= 0) {
        const next = indexIn(tag, COLON, colon + 1, end);
        b = parseRefBytes(tag, colon + 1, next < 0 ? end : next);
      }
      const last = b ?? a;
      reach(last.row, last.col);
      reach(a.row, a.col);
      if (!breach) addCells((Math.abs(last.row - a.row) + 1) * (Math.abs(last.col - a.col) + 1));
    }
  };

  return {
    push(chunk) {
      // The state a byte changes is kept in locals while the chunk is read (the hot loop).
      const n = chunk.length;
      let i = 0, m = mode, len = tagLen, q = quote, ent = entity, r = run, t = tail;
      while (i < n && !breach) {
        if (m === TAG) {
          while (i < n) {
            const b = chunk[i++]!;
            if (q !== 0) { if (b === q) q = 0; } else if (b === QUOT || b === APOS) q = b;
            else if (b === GT) { m = TEXT; tagLen = len; onTag(); break; }
            if (len < TAG_KEEP) {
              tag[len++] = b;
              if (len === 3 && tag[0] === BANG && tag[1] === DASH && tag[2] === DASH) { m = COMMENT; t = 0; break; }
              if (len === CDATA_OPEN.length && startsWith(tag, CDATA_OPEN)) { m = CDATA; r = 0; t = 0; break; }
            }
          }
          continue;
        }
        if (m === TEXT && !inCellText && ent < 0) {
          // Between tags and outside cell text nothing is counted: jump to the next tag.
          const next = chunk.indexOf(LT, i);
          if (next < 0) break;
          i = next;
        }
        const b = chunk[i++]!;
        if (m === TEXT) {
          if (b === LT) { m = TAG; len = 0; q = 0; r = 0; ent = -1; continue; }
        } else if (m === CDATA) {
          if (b === GT && t === ((RSQB << 8) | RSQB)) { m = TEXT; r = 0; continue; }
          t = ((t << 8) | b) & 0xffff;
          if (b === RSQB) continue;
        } else {
          if (b === GT && t === ((DASH << 8) | DASH)) m = TEXT; else t = ((t << 8) | b) & 0xffff;
          continue;
        }
        // A byte of text (or CDATA): counted when it is inside a cell's text element.
        if (!inCellText) continue;
        if (ent >= 0) {
          if (b === SEMI || ++ent > ENTITY_MAX) ent = -1;
          continue;
        }
        if (b === AMP) ent = 0;
        if ((b & 0xc0) === 0x80) continue; // a UTF-8 continuation byte: same character
        if (++r > longest) {
          longest = r;
          breach ??= breachOf('text', sheet, r, limits.maxTextLength);
        }
      }
      mode = m; tagLen = len; quote = q; entity = ent; run = r; tail = t;
      return breach;
    },
    extent: () => ({ rows: maxRow, columns: maxCol, cells: cells + rowMax, longestText: longest }),
  };
}

/** Which of the tags we look at this is, by its local name (`x:row` is `row`). */
function tagKind(bytes: Uint8Array, length: number): number {
  let start = bytes[0] === SLASH ? 1 : 0;
  let end = start;
  while (end < length && end - start < 12) {
    const b = bytes[end]!;
    if (b === COLON) start = end + 1; // a namespace prefix
    else if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH) break;
    end++;
  }
  const n = end - start;
  if (n === 1) {
    const b = bytes[start];
    return b === 0x74 || b === 0x76 || b === 0x66 ? HOLDS_TEXT : b === 0x63 ? CELL : OTHER;
  }
  if (n === 3) return bytes[start] === 0x72 && bytes[start + 1] === 0x6f && bytes[start + 2] === 0x77 ? ROW : OTHER;
  if (n === 9) return startsWith(bytes.subarray(start), MERGE_CELL) ? MERGE : OTHER;
  return OTHER;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  for (let k = 0; k < prefix.length; k++) if (bytes[k] !== prefix[k]) return false;
  return true;
}

/** White space as a JavaScript pattern's `\s` and `trim()` see a byte read as Latin-1. */
function isSpace(b: number): boolean {
  return (b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0;
}

function indexIn(bytes: Uint8Array, value: number, from: number, to: number): number {
  for (let k = from; k < to; k++) if (bytes[k] === value) return k;
  return -1;
}

/**
 * Where the value of attribute `name` sits in a tag's bytes, as `start << 16 | end` (a tag is
 * at most TAG_KEEP bytes), or -1: the first white space, name, `=` and quoted value, as the
 * pattern `\sname\s*=\s*("[^"]*"|'[^']*')` would find it.
 */
function attrValue(bytes: Uint8Array, length: number, name: readonly number[]): number {
  for (let i = 0; i < length; i++) {
    if (!isSpace(bytes[i]!)) continue;
    let j = i + 1;
    let k = 0;
    while (k < name.length && j < length && bytes[j] === name[k]) { j++; k++; }
    if (k < name.length) continue;
    while (j < length && isSpace(bytes[j]!)) j++;
    if (j >= length || bytes[j] !== EQ) continue;
    j++;
    while (j < length && isSpace(bytes[j]!)) j++;
    const q = bytes[j];
    if (j >= length || (q !== QUOT && q !== APOS)) continue;
    const close = indexIn(bytes, q, j + 1, length);
    if (close >= 0) return ((j + 1) << 16) | close;
  }
  return -1;
}

/** A row number of 1–15 digits (white space around allowed), else 0. */
function positiveInt(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isSpace(bytes[start]!)) start++;
  while (end > start && isSpace(bytes[end - 1]!)) end--;
  if (end === start || end - start > 15) return 0;
  let n = 0;
  for (let k = start; k < end; k++) {
    const d = bytes[k]! - 0x30;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

/** `E7`, `$E$7` in a tag's bytes → row 7, column 5; as parseRef, from the bytes. */
function parseRefBytes(bytes: Uint8Array, start: number, end: number): { row: number; col: number } | null {
  while (start < end && isSpace(bytes[start]!)) start++;
  while (end > start && isSpace(bytes[end - 1]!)) end--;
  let k = start;
  if (bytes[k] === DOLLAR && k < end) k++;
  let col = 0;
  const letters = k;
  while (k < end && k - letters < 8) {
    const b = bytes[k]! | 0x20; // lower case
    if (b < 0x61 || b > 0x7a) break;
    col = col * 26 + (b - 0x60);
    k++;
  }
  if (k === letters || k - letters > 7) return null;
  if (bytes[k] === DOLLAR && k < end) k++;
  if (k === end || end - k > 15) return null;
  let row = 0;
  for (; k < end; k++) {
    const d = bytes[k]! - 0x30;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return { row, col };
}

/** `E7`, `$E$7` → row 7, column 5. Past XFD1048576 still counts (so it is refused, not ignored). */
export function parseRef(ref: string | null | undefined): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,15})$/.exec((ref ?? '').trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}
