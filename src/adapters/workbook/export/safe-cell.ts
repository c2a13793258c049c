/**
 * Writing what a unit typed into the coordinator's workbook so that it stays text.
 *
 * OWASP's CSV-injection advice (prefix =, +, -, @, tab and CR with an apostrophe) exists because
 * a CSV cell has no type: the spreadsheet parses it like typed input. In .xlsx a cell has a type:
 * a string cell (`t="s"`, shared string) is displayed as text and never evaluated, so
 * `=HYPERLINK("http://x","y")` shows as those characters, not as a link. Changing the text would
 * change the data (a phone number `-` or a remark starting `+` is legitimate), so nothing is
 * prefixed. The remaining risk is a person editing the cell: Excel re-parses the text when she
 * presses Enter in it. The Text number format (`@`) makes Excel keep whatever is entered in such
 * a cell as text, so every unit-typed cell gets it — the same thing Excel's own leading
 * apostrophe (`quotePrefix`) achieves, which exceljs cannot write.
 *
 * exceljs already drops characters XML 1.0 forbids (a stray \u0001 would otherwise make Excel
 * offer to "repair" the file); the cell limit of 32,767 characters is enforced here.
 */
import type { Cell } from 'exceljs';
import { shanghaiWallClock } from '../../../domain/time/shanghai-time.js';

/** Excel's limit on characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

export const TEXT_FORMAT = '@';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * A plain, inert string cell. Line breaks become LF, Excel's own in-cell break (Alt+Enter); a
 * bare CR would not survive anyway, as XML readers turn it into LF (XML 1.0 §2.11).
 */
export function writeText(cell: Cell, text: string): void {
  const normalized = text.replace(/\r\n?/g, '\n');
  cell.value = normalized.length > MAX_CELL_CHARS ? normalized.slice(0, MAX_CELL_CHARS) : normalized;
  cell.numFmt = TEXT_FORMAT;
}

/** An integer or other number the judge already parsed. */
export function writeNumber(cell: Cell, value: number): void {
  cell.value = value;
}

/**
 * A `YYYY-MM-DD` date the judge already parsed, as a real date cell so that Excel's date filters
 * work. Excel dates have no zone; the calendar day is written as it is.
 */
export function writeDate(cell: Cell, isoDate: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(Date.parse(`${isoDate}T00:00:00Z`))) {
    writeText(cell, isoDate);
    return;
  }
  cell.value = new Date(`${isoDate}T00:00:00Z`);
  cell.numFmt = DATE_FORMAT;
}

/** An instant, shown as Shanghai wall-clock time (exceljs writes a Date's UTC fields). */
export function writeShanghaiTime(cell: Cell, iso: string): void {
  const wall = shanghaiWallClock(iso);
  if (!wall) {
    writeText(cell, iso);
    return;
  }
  cell.value = wall;
  cell.numFmt = DATE_TIME_FORMAT;
}

/** Display width of a text in Excel's character units: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}
