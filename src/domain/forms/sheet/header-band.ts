/**
 * Finds a form's header: the band of one to three rows whose column paths name the most of the
 * form's required columns, wherever it sits. A deeper band wins only when it names more (so the
 * first activity row is never taken for a child header row); between equals the shallower one.
 */
import type { FormDefinition } from '../types.js';
import { columnPaths } from './column-paths.js';
import type { GridView } from './grid.js';
import { columnIndex, matchColumns, type MatchedColumn } from './match-columns.js';

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

export function findHeaderBand(view: GridView, def: FormDefinition): HeaderBand | null {
  const index = columnIndex(def);
  const required = new Set(def.columns.filter((c) => c.required).map((c) => c.key));
  let best: HeaderBand | null = null;
  const last = Math.min(view.rowCount, HEADER_SEARCH_ROWS);
  for (let top = 1; top <= last; top++) {
    for (let depth = 1; depth <= MAX_HEADER_ROWS && top + depth - 1 <= view.rowCount; depth++) {
      const bottom = top + depth - 1;
      const columns = matchColumns(columnPaths(view, top, bottom), def, index);
      const requiredFound = [...columns.keys()].filter((k) => required.has(k)).length;
      const better = !best
        || requiredFound > best.requiredFound
        || (requiredFound === best.requiredFound && columns.size > best.columns.size)
        // Rows above a header (a header block, an empty row) add nothing: the shallower band is the header.
        || (requiredFound === best.requiredFound && columns.size === best.columns.size && depth < best.bottom - best.top + 1);
      if (better) best = { top, bottom, columns, requiredFound, requiredTotal: required.size };
    }
  }
  return best && best.requiredTotal > 0 && best.requiredFound / best.requiredTotal >= HEADER_MATCH_SHARE ? best : null;
}
