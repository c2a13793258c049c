/**
 * Finds a form's header: the band of one to three rows whose column paths name the most of the
 * form's required columns, wherever it sits. A deeper band wins only when it names more (so the
 * first activity row is never taken for a child header row); between equals the shallower one.
 */
import type { FormDefinition } from '../types.js';
import { columnPaths, MAX_HEADER_COLUMNS, type ColumnPath, type HeaderCells } from './column-paths.js';
import type { GridView, MergeRange } from './grid.js';
import { matchColumns, type MatchedColumn } from './match-columns.js';

/** Header rows sit near the top; old forms add a few title and note rows, never dozens. */
export const HEADER_SEARCH_ROWS = 40;
/** Chinese statistics tables draw at most three header rows (a group, a parent, its children). */
export const MAX_HEADER_ROWS = 3;
/** Share of the required columns a header must name to count as the form's header. */
export const HEADER_MATCH_SHARE = 0.7;

export interface HeaderBand {
  top: number;
  bottom: number;
  columns: Map<string, MatchedColumn>;
  requiredFound: number;
  requiredTotal: number;
}

/** The column paths of a band of a sheet, by its rows: the same for every definition tried. */
export type BandPaths = (top: number, bottom: number) => readonly ColumnPath[];

/** Column paths of `view`'s bands, each worked out once however many definitions are tried. */
export function bandPaths(view: GridView): BandPaths {
  const known = new Map<number, readonly ColumnPath[]>();
  const cells = topRows(view);
  return (top, bottom) => {
    const key = top * (MAX_HEADER_ROWS + 1) + (bottom - top);
    let paths = known.get(key);
    if (!paths) known.set(key, (paths = columnPaths(cells, top, bottom)));
    return paths;
  };
}

/**
 * The cells the header search reads, looked up once each: every band reads its rows' texts and
 * merges again (up to three bands per row, for each definition), and a view's lookup resolves
 * the merge every time. Rows past the search, or columns past a header's width, read the view.
 */
function topRows(view: GridView): HeaderCells {
  const width = Math.min(view.colCount, MAX_HEADER_COLUMNS);
  const last = Math.min(view.rowCount, HEADER_SEARCH_ROWS + MAX_HEADER_ROWS);
  const merges: (MergeRange | null)[][] = [];
  const texts: string[][] = [];
  const row = (r: number): number => {
    if (merges[r] === undefined) {
      const m: (MergeRange | null)[] = [];
      const t: string[] = [];
      for (let c = 1; c <= width; c++) { m[c] = view.mergeAt(r, c); t[c] = view.text(r, c); }
      merges[r] = m;
      texts[r] = t;
    }
    return r;
  };
  const inside = (r: number, c: number): boolean => r >= 1 && r <= last && c >= 1 && c <= width;
  return {
    colCount: view.colCount,
    mergeAt: (r, c) => (inside(r, c) ? merges[row(r)]![c]! : view.mergeAt(r, c)),
    text: (r, c) => (inside(r, c) ? texts[row(r)]![c]! : view.text(r, c)),
  };
}

const requiredKeys = new WeakMap<FormDefinition, ReadonlySet<string>>();

function requiredOf(def: FormDefinition): ReadonlySet<string> {
  let keys = requiredKeys.get(def);
  if (!keys) requiredKeys.set(def, (keys = new Set(def.columns.filter((c) => c.required).map((c) => c.key))));
  return keys;
}

export function findHeaderBand(view: GridView, def: FormDefinition, paths: BandPaths = bandPaths(view)): HeaderBand | null {
  const required = requiredOf(def);
  let best: HeaderBand | null = null;
  const last = Math.min(view.rowCount, HEADER_SEARCH_ROWS);
  // Once a band names every column, only a shallower one can still win (see `better`): the
  // deeper bands below it are not tried. The band found is the same; a form's activity rows
  // are then tried as one-row headers only, or not at all under a one-row header.
  let deepest = MAX_HEADER_ROWS;
  for (let top = 1; top <= last && deepest > 0; top++) {
    for (let depth = 1; depth <= deepest && top + depth - 1 <= view.rowCount; depth++) {
      const bottom = top + depth - 1;
      const columns = matchColumns(paths(top, bottom), def);
      let requiredFound = 0;
      for (const k of columns.keys()) if (required.has(k)) requiredFound++;
      const better = !best
        || requiredFound > best.requiredFound
        || (requiredFound === best.requiredFound && columns.size > best.columns.size)
        // Rows above a header (a header block, an empty row) add nothing: the shallower band is the header.
        || (requiredFound === best.requiredFound && columns.size === best.columns.size && depth < best.bottom - best.top + 1);
      if (better) {
        best = { top, bottom, columns, requiredFound, requiredTotal: required.size };
        if (requiredFound === required.size && columns.size === def.columns.length) deepest = depth - 1;
      }
    }
  }
  return best && best.requiredTotal > 0 && best.requiredFound / best.requiredTotal >= HEADER_MATCH_SHARE ? best : null;
}
