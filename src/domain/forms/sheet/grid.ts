/**
 * A worksheet as plain data: the cells a unit typed and the merged ranges, nothing of the file
 * format. The workbook adapter builds it from an .xlsx sheet, the CSV adapter from a .csv file;
 * everything that interprets a sheet (header paths, row kinds, the header block) reads only this.
 */
import type { RawCell } from '../types.js';

/** A merged range, 1-based and inclusive. */
export interface MergeRange { top: number; left: number; bottom: number; right: number }

export interface SheetGrid {
  name: string;
  /** `rows[r - 1][c - 1]`: the cell at row r, column c, or null/absent when empty. Rows may be ragged. */
  rows: (RawCell | null)[][];
  merges: MergeRange[];
}

/** Read access to a grid with merges resolved: a cell inside a merge reads as its top-left cell. */
export interface GridView {
  readonly name: string;
  readonly rowCount: number;
  /** Widest row's length. */
  readonly colCount: number;
  /** The cell a person sees at (r, c): a merged area's top-left cell, else the cell itself. */
  at(r: number, c: number): RawCell | null;
  /** The merge covering (r, c), if any. */
  mergeAt(r: number, c: number): MergeRange | null;
  /** Whether (r, c) is a merge's top-left cell or not merged at all (a merge is counted once). */
  isMaster(r: number, c: number): boolean;
  /** The text a person reads in (r, c) ('' for numbers, dates and empty cells), NFKC-folded and trimmed. */
  text(r: number, c: number): string;
}

/** A merge larger than this is not indexed cell by cell. */
const MAX_INDEXED_MERGE_CELLS = 4096;

export function viewGrid(grid: SheetGrid): GridView {
  const byCell = new Map<number, MergeRange>();
  let width = 0;
  for (const row of grid.rows) width = Math.max(width, row.length);
  for (const m of grid.merges) width = Math.max(width, m.right);
  const key = (r: number, c: number): number => r * (width + 1) + c;
  // Real merges are a title, a header cell or a note row: indexed cell by cell. A hostile file's
  // giant merge (A1:XFD1048576) is kept aside and looked up by range instead, so it costs nothing.
  const giant: MergeRange[] = [];
  for (const m of grid.merges) {
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > MAX_INDEXED_MERGE_CELLS) { giant.push(m); continue; }
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) byCell.set(key(r, c), m);
  }
  const raw = (r: number, c: number): RawCell | null => grid.rows[r - 1]?.[c - 1] ?? null;
  const mergeAt = (r: number, c: number): MergeRange | null =>
    byCell.get(key(r, c)) ?? giant.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) ?? null;
  const at = (r: number, c: number): RawCell | null => {
    const m = mergeAt(r, c);
    return m ? raw(m.top, m.left) : raw(r, c);
  };
  // A cell's text is folded once: the header search reads the top rows a hundred times over.
  const texts = new Map<number, string>();
  return {
    name: grid.name,
    rowCount: grid.rows.length,
    colCount: width,
    at,
    mergeAt,
    isMaster: (r, c) => {
      const m = mergeAt(r, c);
      return !m || (m.top === r && m.left === c);
    },
    text: (r, c) => {
      const m = mergeAt(r, c);
      const k = m ? key(m.top, m.left) : key(r, c);
      let t = texts.get(k);
      if (t === undefined) {
        const v = raw(m?.top ?? r, m?.left ?? c)?.value;
        t = typeof v === 'string' ? v.normalize('NFKC').trim() : '';
        texts.set(k, t);
      }
      return t;
    },
  };
}

/** `E7` from row 7, column 5. */
export function cellRef(r: number, c: number): string {
  let letters = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${r}`;
}
