/**
 * Reads a workbook a unit sent into the forms it holds: inspection of the file first (docs/library-notes.md,
 * "exceljs: no limit on decompressed size"), then every visible sheet is matched against each
 * form by its header texts. Pure over the bytes: no clock, disk or network.
 */
import ExcelJS from 'exceljs';
import { openWorkbookFile, type InspectOptions } from '../../files/index.js';
import { fileProblems } from '../../../domain/files/file-problems.js';
import type { FormDefinition, ReadForm, WorkbookReadResult } from '../../../domain/forms/types.js';
import { viewGrid } from '../../../domain/forms/sheet/grid.js';
import { readSheet } from '../../../domain/forms/sheet/read-sheet.js';
import { FINGERPRINT_SHEET } from '../template/fingerprint.js';
import { headerNotFound, sameFormTwice, templateVersion } from './read-problems.js';
import { readFingerprints } from './read-fingerprint.js';
import { sheetGrid } from './sheet-grid.js';
import { withoutDataValidations } from './unread-elements.js';

/**
 * Parts exceljs loads that reading never looks at: document properties (author, company) and
 * the theme (colours). Left out of what exceljs is handed, they are not inflated at all; they
 * were a sixth of exceljs's load of a form.
 */
const UNUSED_PARTS = /^(?:docProps\/|xl\/theme\/)/;

export async function readWorkbook(bytes: Buffer, defs: FormDefinition[], fileName: string, options: InspectOptions = {}): Promise<WorkbookReadResult> {
  const opened = await openWorkbookFile(bytes, fileName, { unusedParts: UNUSED_PARTS, trimPart: withoutDataValidations, ...options });
  if (!opened.ok) return { forms: [], problems: [opened.problem] };

  const workbook = new ExcelJS.Workbook();
  try {
    // The parts as the inspection proved them, stored: exceljs inflates nothing again.
    await workbook.xlsx.load(opened.bytes as unknown as ArrayBuffer);
  } catch {
    return { forms: [], problems: [fileProblems.corrupt(fileName)] };
  }
  const fingerprints = readFingerprints(workbook);
  const forms: ReadForm[] = [];
  const problems: WorkbookReadResult['problems'] = [];
  const sheetsOf = new Map<string, string[]>();

  for (const sheet of workbook.worksheets) {
    if (sheet.name === FINGERPRINT_SHEET || sheet.state === 'veryHidden') continue;
    const found = readSheet(viewGrid(sheetGrid(sheet)), defs);
    if (!found) continue;
    const { def, read } = found;
    const seen = sheetsOf.get(def.id) ?? [];
    sheetsOf.set(def.id, seen);
    seen.push(sheet.name);
    if (seen.length > 1) continue; // one sheet per form: see sameFormTwice
    const print = fingerprints.get(def.id) ?? null;
    if (print && print.version !== def.version) problems.push(templateVersion(def, sheet.name, print.version));
    forms.push({ ...read, fingerprint: print ? { formId: print.formId, version: print.version } : null });
  }
  for (const [id, sheets] of sheetsOf) if (sheets.length > 1) problems.push(sameFormTwice(defs.find((d) => d.id === id)!, fileName, sheets));
  if (forms.length === 0) problems.push(headerNotFound(defs, fileName));
  return { forms, problems };
}
