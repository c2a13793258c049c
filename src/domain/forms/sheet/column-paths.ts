/**
 * The header of a column is the path of its header cells from top to bottom: a merged parent over
 * its children (活动时间 › 开始日期, 参与人次 › 线下). A cell merged down over several header rows
 * counts once; a parent merged across counts for every column under it. A .csv has no merges, so
 * there a parent written once and followed by empty cells spreads over the columns whose lower
 * row has a child (活动时间,, over 开始日期,结束日期).
 */
import type { GridView } from './grid.js';

/** What the paths are read from: a sheet's view, or the header search's copy of its top rows. */
export type HeaderCells = Pick<GridView, 'colCount' | 'mergeAt' | 'text'>;

export interface ColumnPath {
  col: number;
  /** Distinct header texts, top to bottom, as written (NFKC, trimmed). */
  segments: string[];
  /** Per segment, the column where its cell starts: children of one parent share the parent's. */
  owners: number[];
}

/** Header bands are a title row's width at most; wider sheets are hostile or not forms. */
export const MAX_HEADER_COLUMNS = 200;

export function columnPaths(view: HeaderCells, top: number, bottom: number): ColumnPath[] {
  const width = Math.min(view.colCount, MAX_HEADER_COLUMNS);
  const paths: ColumnPath[] = [];
  for (let c = 1; c <= width; c++) {
    const segments: string[] = [];
    const owners: number[] = [];
    for (let r = top; r <= bottom; r++) {
      const m = view.mergeAt(r, c);
      // A cell merged down from a row above within the band is the same segment again.
      if (m && m.top < r && m.top >= top) continue;
      // A merge reaching in from above the band (a title) is not a header.
      if (m && m.top < top) continue;
      let text = view.text(r, c);
      let owner = m ? m.left : c;
      if (!text && !m && r < bottom) {
        const spread = spreadFromLeft(view, r, c);
        if (spread) ({ text, owner } = spread);
      }
      if (text) { segments.push(text); owners.push(owner); }
    }
    paths.push({ col: c, segments, owners });
  }
  return paths;
}

/** For a .csv-like parent: the nearest text to the left in row r, when both columns have a child below. */
function spreadFromLeft(view: HeaderCells, r: number, c: number): { text: string; owner: number } | null {
  if (!view.text(r + 1, c)) return null;
  for (let left = c - 1; left >= 1; left--) {
    if (view.mergeAt(r, left)) return null;
    if (!view.text(r + 1, left)) return null;
    const text = view.text(r, left);
    if (text) return { text, owner: left };
  }
  return null;
}
