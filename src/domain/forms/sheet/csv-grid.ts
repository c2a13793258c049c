/**
 * A .csv file's text as a grid (RFC 4180: quoted fields may hold commas, quotes doubled and line
 * breaks). Units export the form from Excel or WPS as "CSV (逗号分隔)", which keeps the same
 * columns; a tab-separated export ("文本文件(制表符分隔)") is read the same way. Linear in the
 * text's length: one pass, no backtracking.
 */
import { cellRef, type SheetGrid } from './grid.js';

export function csvGrid(text: string, name: string): SheetGrid {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === separator) {
      row.push(field); field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return {
    name,
    merges: [],
    rows: rows.map((fields, r) => {
      const cells = fields.map((f, c) => {
        const value = f.trim();
        return value === '' ? null : { ref: cellRef(r + 1, c + 1), value, numFmt: null, hyperlink: null };
      });
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      return cells;
    }),
  };
}
