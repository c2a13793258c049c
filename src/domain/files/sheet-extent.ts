/**
 * Measures a sheet's real extent from its XML as it streams by, before exceljs sees it
 * (docs/limits.md): the row and column of every `<row r>`, `<c r>` and `<mergeCell ref>`, the
 * cells the reader would hold, and the longest text of a cell (the text of one `<t>`, `<v>` or
 * `<f>` element, CDATA included; an entity counts as one character; white space between tags is
 * not cell text). The `dimension` tag is ignored: it can lie. One pass over the bytes
 * with a bounded buffer per tag, so a hostile part costs time linear in its size and no memory.
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

const SLASH = 0x2f;
const LT = 0x3c, GT = 0x3e, QUOT = 0x22, APOS = 0x27, AMP = 0x26, SEMI = 0x3b, RSQB = 0x5d, DASH = 0x2d;
/** A tag's name and its `r`/`ref` attribute fit here; what is longer is style attributes, ignored. */
const TAG_KEEP = 512;
const CDATA_OPEN = '![CDATA[';
/** An `&` not closed by `;` within this many bytes is text, not an entity. */
const ENTITY_MAX = 12;

type Mode = 'text' | 'tag' | 'cdata' | 'comment';

/** Cells counted across the scans of one workbook: the cells limit holds for the whole file. */
export interface CellTally { cells: number }

export function createSheetExtentScan(sheet: string, limits: SheetLimits, tally: CellTally = { cells: 0 }): SheetExtentScan {
  let mode: Mode = 'text';
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

  const text = (b: number): void => {
    if (!inCellText) return;
    if (entity >= 0) {
      if (b === SEMI || ++entity > ENTITY_MAX) entity = -1;
      return;
    }
    if (b === AMP) entity = 0;
    if ((b & 0xc0) === 0x80) return; // a UTF-8 continuation byte: same character
    run++;
    if (run > longest) {
      longest = run;
      breach ??= breachOf('text', sheet, run, limits.maxTextLength);
    }
  };
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
    const name = tagName(tag, tagLen);
    const closing = tag[0] === SLASH;
    const holdsText = name === 't' || name === 'v' || name === 'f';
    if (closing) {
      if (holdsText) inCellText = false;
      if (name === 'row') endRow();
      return;
    }
    if (holdsText) inCellText = tag[tagLen - 1] !== SLASH;
    if (name !== 'row' && name !== 'c' && name !== 'mergeCell') return;
    // Only these three carry a reference: their text is built for the attribute lookup.
    const raw = latin1(tag, tagLen);
    if (name === 'row') {
      endRow();
      row = positiveInt(attr(raw, 'r')) ?? row + 1;
      col = 0;
      reach(row, 0);
      if (raw.endsWith('/')) endRow();
    } else if (name === 'c') {
      const ref = parseRef(attr(raw, 'r'));
      col = ref?.col ?? col + 1;
      reach(ref?.row ?? Math.max(row, 1), col);
      rowMax = Math.max(rowMax, col);
    } else if (name === 'mergeCell') {
      // exceljs creates every cell of a merge: its area counts towards the cells.
      const [a, b] = (attr(raw, 'ref') ?? '').split(':').map(parseRef);
      if (!a) return;
      const end = b ?? a;
      reach(end.row, end.col);
      reach(a.row, a.col);
      if (!breach) addCells((Math.abs(end.row - a.row) + 1) * (Math.abs(end.col - a.col) + 1));
    }
  };

  const step = (b: number): void => {
    switch (mode) {
      case 'text':
        if (b === LT) { mode = 'tag'; tagLen = 0; quote = 0; run = 0; entity = -1; } else text(b);
        return;
      case 'tag':
        if (quote !== 0) { if (b === quote) quote = 0; } else if (b === QUOT || b === APOS) quote = b;
        else if (b === GT) { onTag(); mode = 'text'; return; }
        if (tagLen < TAG_KEEP) tag[tagLen++] = b;
        if (tagLen === 3 && latin1(tag, 3) === '!--') mode = 'comment';
        else if (tagLen === CDATA_OPEN.length && latin1(tag, tagLen) === CDATA_OPEN) { mode = 'cdata'; run = 0; }
        tail = 0;
        return;
      case 'cdata':
        if (b === GT && tail === ((RSQB << 8) | RSQB)) { mode = 'text'; run = 0; return; }
        if (b !== RSQB) text(b);
        tail = ((tail << 8) | b) & 0xffff;
        return;
      case 'comment':
        if (b === GT && tail === ((DASH << 8) | DASH)) { mode = 'text'; return; }
        tail = ((tail << 8) | b) & 0xffff;
        return;
    }
  };

  return {
    push(chunk) {
      for (let i = 0; i < chunk.length && !breach; i++) {
        // Between tags and outside cell text nothing is counted: jump to the next tag.
        if (mode === 'text' && !inCellText && entity < 0 && chunk[i] !== LT) {
          const next = chunk.indexOf(LT, i);
          if (next < 0) break;
          i = next;
        }
        step(chunk[i]!);
      }
      return breach;
    },
    extent: () => ({ rows: maxRow, columns: maxCol, cells: cells + rowMax, longestText: longest }),
  };
}

/** A tag's local name (`x:row` → `row`), read from its bytes; '' when it is not one we look at. */
function tagName(bytes: Uint8Array, length: number): string {
  let start = bytes[0] === SLASH ? 1 : 0;
  let end = start;
  while (end < length && end - start < 12) {
    const b = bytes[end]!;
    if (b === 0x3a) start = end + 1; // a namespace prefix
    else if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH) break;
    end++;
  }
  const n = end - start;
  return n === 1 || n === 3 || n === 9 ? latin1(bytes.subarray(start, end), n) : '';
}

function latin1(bytes: Uint8Array, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** The value of attribute `name` in a tag's text (at most TAG_KEEP bytes, so the regex is cheap). */
function attr(tagText: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tagText);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

function positiveInt(s: string | null): number | null {
  if (s === null || !/^\d{1,15}$/.test(s.trim())) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

/** `E7`, `$E$7` → row 7, column 5. Past XFD1048576 still counts (so it is refused, not ignored). */
export function parseRef(ref: string | null | undefined): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,15})$/.exec((ref ?? '').trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}
