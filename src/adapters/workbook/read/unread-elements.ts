/**
 * What reading does not need of a worksheet, cut before exceljs parses it: the data
 * validations (the template's dropdowns and number rules). exceljs expands every validated range
 * into one entry per cell — a form's `C5:C2000` ranges were a sixth of its load of a form, and a
 * unit's whole-column rule (`C1:C1048576`, Excel's own when a column is selected) a million
 * entries per rule — while reading looks only at cells, merges and hyperlinks.
 */

const OPEN = Buffer.from('<dataValidations');
const CLOSE = Buffer.from('</dataValidations>');
const SHEET_DATA_END = Buffer.from('</sheetData>');
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * The part without its `<dataValidations>` element; any other part, or a sheet where the element
 * is not found whole after the cells (where the schema puts it), as it is.
 */
export function withoutDataValidations(name: string, xml: Buffer): Buffer {
  if (!WORKSHEET.test(name)) return xml;
  // After the last </sheetData>: cell text, where the same letters could be written, is before it.
  const after = xml.lastIndexOf(SHEET_DATA_END);
  if (after < 0) return xml;
  const start = xml.indexOf(OPEN, after);
  if (start < 0) return xml;
  const next = xml[start + OPEN.length];
  let end: number;
  if (next === 0x3e /* > */ || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d) {
    const tagEnd = xml.indexOf(0x3e, start);
    if (tagEnd < 0) return xml;
    if (xml[tagEnd - 1] === 0x2f /* / */) end = tagEnd + 1;
    else {
      const close = xml.indexOf(CLOSE, tagEnd);
      if (close < 0) return xml;
      end = close + CLOSE.length;
    }
  } else if (next === 0x2f && xml[start + OPEN.length + 1] === 0x3e) {
    end = start + OPEN.length + 2;
  } else {
    return xml;
  }
  return Buffer.concat([xml.subarray(0, start), xml.subarray(end)]);
}
