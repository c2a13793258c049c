/**
 * A copy of the unit's own workbook with every problem cell marked — light red for an error, light
 * yellow for a warning — and a note (Excel comment) on it with the message, attached to a
 * correction request so the unit sees each problem where it is. Problems without a cell (a header
 * field found by name only, a missing column, a file problem) are in the mail and skipped here.
 *
 * The bytes must be the workbook that already passed file inspection (src/adapters/files): exceljs's
 * `load` has no limit on decompressed size (docs/library-notes.md, "exceljs: no limit on decompressed size").
 */
import ExcelJS from 'exceljs';
import type { Problem } from '../../domain/forms/problem.js';
import { parseCellRef } from '../../domain/replies/problem-order.js';

/** Excel's own "Bad" and "Neutral" cell-style fills, familiar to anyone who uses Excel or WPS. */
export const ERROR_FILL_ARGB = 'FFFFC7CE';
export const WARNING_FILL_ARGB = 'FFFFEB9C';

interface CellMarks {
  sheet: string;
  ref: string;
  error: boolean;
  messages: string[];
}

function marksOf(problems: readonly Problem[]): CellMarks[] {
  const byCell = new Map<string, CellMarks>();
  for (const p of problems) {
    if (p.sheet === null || p.cell === null || parseCellRef(p.cell) === null) continue;
    const ref = p.cell.trim().toUpperCase();
    const key = `${p.sheet}!${ref}`;
    const mark = byCell.get(key) ?? { sheet: p.sheet, ref, error: false, messages: [] };
    mark.error ||= p.severity === 'error';
    if (!mark.messages.includes(p.message)) mark.messages.push(p.message);
    byCell.set(key, mark);
  }
  return [...byCell.values()];
}

function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/**
 * The annotated workbook as xlsx bytes, or null when the workbook cannot be loaded or written (the
 * caller then sends the mail without the attachment: the mail lists the problems anyway).
 */
export async function annotateWorkbook(bytes: Buffer, problems: readonly Problem[]): Promise<Buffer | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  for (const mark of marksOf(problems)) {
    const sheet = workbook.getWorksheet(mark.sheet);
    if (!sheet) continue;
    const cell = sheet.getCell(mark.ref);
    // exceljs shares one style object among all cells loaded with the same style id: give this
    // cell its own copy before changing it, or every cell of that style turns red.
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: mark.error ? ERROR_FILL_ARGB : WARNING_FILL_ARGB } },
    };
    // A note the unit wrote itself is kept, below ours.
    const own = noteText(cell.note);
    cell.note = { texts: [{ text: [...mark.messages, ...(own ? [own] : [])].join('\n') }] };
  }
  try {
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } catch {
    return null;
  }
}

/** The attachment's file name: the unit's name with a prefix, always ending in .xlsx. */
export function annotatedFileName(original: string, language: 'zh' | 'en' = 'zh'): string {
  const base = (original.split(/[\\/]/).pop() ?? '').replace(/\.(xlsx|xlsm|xls|et)$/i, '').trim() || (language === 'en' ? 'workbook' : '表格');
  return language === 'en' ? `annotated-${base}.xlsx` : `问题标注-${base}.xlsx`;
}
