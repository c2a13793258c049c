/**
 * Reads one sheet against the form definitions: the form whose header it draws best, its header
 * band (one to three rows), the header block above it, and the rows under it sorted into
 * activities and rows that are not (sections, 小计, 合计, notes, signatures). Pure: the sheet
 * arrives as a plain grid from the .xlsx or .csv adapter.
 */
import { SERIAL_COLUMN_KEY } from '../definition/forms-schema.js';
import type { FormDefinition, RawCell, RawRow, ReadForm, SkippedRow } from '../types.js';
import { cellRef, type GridView } from './grid.js';
import { bandPaths, findHeaderBand, type HeaderBand } from './header-band.js';
import { readHeaderBlock } from './header-block.js';
import { rowFacts, rowKind } from './row-kind.js';

export type SheetRead = Omit<ReadForm, 'fingerprint'>;

export function readSheet(view: GridView, defs: readonly FormDefinition[]): { def: FormDefinition; read: SheetRead } | null {
  let best: { def: FormDefinition; band: HeaderBand } | null = null;
  const paths = bandPaths(view);
  for (const def of defs) {
    const band = findHeaderBand(view, def, paths);
    if (!band) continue;
    const share = band.requiredFound / band.requiredTotal;
    const bestShare = best ? best.band.requiredFound / best.band.requiredTotal : -1;
    if (share > bestShare || (share === bestShare && best && band.columns.size > best.band.columns.size)) best = { def, band };
  }
  if (!best) return null;
  const { def, band } = best;
  const columns: ReadForm['columns'] = {};
  for (const [key, m] of band.columns) columns[key] = { letter: cellRef(1, m.col).replace(/\d+$/, ''), headerText: m.display };
  return {
    def,
    read: {
      formId: def.id,
      sheet: view.name,
      headerRowNumber: band.bottom,
      headerFields: readHeaderBlock(view, def, band.top),
      columns,
      missingColumns: def.columns.filter((c) => !band.columns.has(c.key)).map((c) => c.key),
      ...readBody(view, def, band),
    },
  };
}

function readBody(view: GridView, def: FormDefinition, band: HeaderBand): Pick<ReadForm, 'rows' | 'totalsRow' | 'skippedRows'> {
  const width = Math.max(...[...band.columns.values()].map((m) => m.col));
  const serialCol = band.columns.get(SERIAL_COLUMN_KEY)?.col ?? null;
  const rows: RawRow[] = [];
  const skippedRows: SkippedRow[] = [];
  let totalsRow: RawRow | null = null;
  let afterTotals = false;
  for (let r = band.bottom + 1; r <= view.rowCount; r++) {
    const facts = rowFacts(view, r, width, serialCol);
    const kind = rowKind(facts, width, afterTotals);
    if (kind === 'empty' || kind === 'padding') continue;
    const cells: Record<string, RawCell | undefined> = {};
    for (const [key, { col }] of band.columns) cells[key] = view.at(r, col) ?? { ref: cellRef(r, col), value: null, numFmt: null, hyperlink: null };
    if (kind === 'activity') {
      // Something only in a column the form does not have (a unit's own extra column) is no activity.
      if (Object.entries(cells).some(([key, c]) => key !== SERIAL_COLUMN_KEY && c?.value !== null)) rows.push({ rowNumber: r, cells });
      continue;
    }
    // The first 合计 row is the form's totals row when the form has one (统计表); in the 推荐表 it is only skipped.
    if (kind === 'totals' && !afterTotals && def.totalsLabel !== null) totalsRow = { rowNumber: r, cells };
    if (kind === 'totals') afterTotals = true;
    skippedRows.push({ rowNumber: r, kind, text: facts.texts.join(' ').slice(0, 60) });
  }
  return { rows, totalsRow, skippedRows };
}
