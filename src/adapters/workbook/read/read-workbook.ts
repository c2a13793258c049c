/**
 * Reads a workbook a unit sent into the forms it holds: inspection of the file first (FACTS.md:
 * exceljs's `load` has no decompression limit), then every visible sheet is matched against each
 * form by its header texts. Pure over the bytes: no clock, disk or network.
 */
import ExcelJS from 'exceljs';
import { inspectWorkbookFile, type InspectOptions } from '../../files/index.js';
import { fileProblems } from '../../../domain/files/file-problems.js';
import type { FormDefinition, ReadForm, WorkbookReadResult } from '../../../domain/forms/types.js';
import { columnLetter } from '../template/index.js';
import { FINGERPRINT_SHEET } from '../template/fingerprint.js';
import { readHeaderBlock } from './header-block.js';
import { matchHeaderRow, type HeaderMatch } from './match-header.js';
import { headerNotFound, templateVersion } from './read-problems.js';
import { readFingerprints } from './read-fingerprint.js';
import { readRows } from './read-rows.js';

export async function readWorkbook(bytes: Buffer, defs: FormDefinition[], fileName: string, options: InspectOptions = {}): Promise<WorkbookReadResult> {
  const inspection = await inspectWorkbookFile(bytes, fileName, options);
  if (!inspection.ok) return { forms: [], problems: [inspection.problem] };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { forms: [], problems: [fileProblems.corrupt(fileName)] };
  }
  const fingerprints = readFingerprints(workbook);
  const forms: ReadForm[] = [];
  const problems: WorkbookReadResult['problems'] = [];

  for (const sheet of workbook.worksheets) {
    if (sheet.name === FINGERPRINT_SHEET || sheet.state === 'veryHidden') continue;
    const best = bestForm(sheet, defs);
    if (!best) continue;
    const { def, match } = best;
    const columns: ReadForm['columns'] = {};
    for (const [key, { col, headerText }] of match.columns) columns[key] = { letter: columnLetter(col), headerText };
    const { rows, totalsRow } = readRows(sheet, def, match.rowNumber, match.columns);
    const print = fingerprints.get(def.id) ?? null;
    if (print && print.version !== def.version) problems.push(templateVersion(def, sheet.name, print.version));
    forms.push({
      formId: def.id,
      sheet: sheet.name,
      headerRowNumber: match.rowNumber,
      headerFields: readHeaderBlock(sheet, def, match.rowNumber),
      columns,
      missingColumns: def.columns.filter((c) => !match.columns.has(c.key)).map((c) => c.key),
      rows,
      totalsRow,
      fingerprint: print ? { formId: print.formId, version: print.version } : null,
    });
  }
  if (forms.length === 0) problems.push(headerNotFound(defs, fileName));
  return { forms, problems };
}

/** The form whose required columns the sheet's header names best (a share, so forms of different sizes compare). */
function bestForm(sheet: ExcelJS.Worksheet, defs: FormDefinition[]): { def: FormDefinition; match: HeaderMatch } | null {
  let best: { def: FormDefinition; match: HeaderMatch } | null = null;
  for (const def of defs) {
    const match = matchHeaderRow(sheet, def);
    if (!match) continue;
    const share = match.requiredFound / match.requiredTotal;
    const bestShare = best ? best.match.requiredFound / best.match.requiredTotal : -1;
    if (share > bestShare || (share === bestShare && best && match.columns.size > best.match.columns.size)) best = { def, match };
  }
  return best;
}
