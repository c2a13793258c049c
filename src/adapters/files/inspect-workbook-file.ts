/**
 * Decides whether a file can be handed to exceljs as an .xlsx, by its bytes rather than its name:
 * units send legacy .xls, WPS .et, password-protected workbooks, truncated downloads, and PDFs
 * renamed .xlsx. Each gets its own correction request instead of a crash or a silent skip.
 */
import type { Problem } from '../../domain/forms/problem.js';
import { sniffMagic, SNIFF_BYTES } from '../../domain/files/magic-bytes.js';
import type { ArchiveLimits } from '../../domain/files/archive-limits.js';
import { classifyCfb, readCfbDirectory } from '../../domain/files/cfb-directory.js';
import { fileProblems, TYPE_NAMES } from '../../domain/files/file-problems.js';
import { breachOf, DEFAULT_SHEET_LIMITS, sheetLimitProblem, type SheetLimits } from '../../domain/files/sheet-limits.js';
import { listZipArchive } from './zip-archive.js';
import { measureSheets } from './measure-sheets.js';
import { storedZip, type StoredPart } from './stored-zip.js';
import { SYNC_INFLATE_MAX_BYTES, type ZipPart } from './zip-part.js';

/** A stored zip without zip64 holds this many parts; a workbook with more is handed over as sent. */
const MAX_STORED_PARTS = 0xffff;

export type FileInspection = { ok: true } | { ok: false; problem: Problem };

/**
 * A workbook that passed inspection, as the bytes to hand exceljs: the parts it needs, already
 * inflated and proven here, stored uncompressed (stored-zip.ts), so exceljs inflates nothing a
 * second time and nothing unseen; or the file as sent, every part proven, when a part it needs
 * is too big to hold (it streams) or the size proof was turned off.
 */
export type OpenedWorkbook = { ok: true; bytes: Buffer } | { ok: false; problem: Problem };

export interface InspectOptions extends Partial<ArchiveLimits> {
  /**
   * Inflate every part once to prove the declared sizes true (zlib stops at the first byte past
   * them). Costs one extra inflate of the file (well under 1 ms for a form). @defaultValue true
   */
  verifyInflate?: boolean;
  /** How big a sheet may be before exceljs is allowed to see it (docs/limits.md). */
  sheetLimits?: SheetLimits;
  /**
   * Parts the reader has no use for (document properties, the theme): left out of the workbook
   * handed to exceljs and then not inflated at all, since nothing inflates them. Never a sheet
   * or the shared strings (those are measured whatever this says).
   */
  unusedParts?: RegExp;
  /**
   * What exceljs is handed of a held part (after it was measured and proven): by default the part
   * as inflated. The reader cuts what it does not need and exceljs would spend on.
   */
  trimPart?: (name: string, inflated: Buffer) => Buffer;
}

export async function inspectWorkbookFile(bytes: Buffer, fileName: string, options: InspectOptions = {}): Promise<FileInspection> {
  const opened = await openWorkbookFile(bytes, fileName, options);
  return opened.ok ? { ok: true } : opened;
}

export async function openWorkbookFile(bytes: Buffer, fileName: string, options: InspectOptions = {}): Promise<OpenedWorkbook> {
  if (bytes.length === 0) return { ok: false, problem: fileProblems.empty(fileName) };
  const type = sniffMagic(bytes.subarray(0, SNIFF_BYTES));
  if (type === 'cfb') return { ok: false, problem: cfbProblem(bytes, fileName) };
  if (type !== 'zip') return { ok: false, problem: fileProblems.wrongType(fileName, TYPE_NAMES[type] ?? '其他类型的文件') };

  const listing = await listZipArchive(bytes, options, fileName);
  if (!listing.ok) return listing;
  const names = new Set(listing.entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    const what = names.has('word/document.xml') ? ' Word 文档（.docx）'
      : names.has('ppt/presentation.xml') ? ' PowerPoint 演示文稿（.pptx）'
      : [...names].some((n) => n.startsWith('xl/')) ? '不完整的 Excel 文件'
      : '一个压缩包';
    return { ok: false, problem: fileProblems.notWorkbook(fileName, what) };
  }
  const limits = options.sheetLimits ?? DEFAULT_SHEET_LIMITS;
  const sheets = listing.entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)).length;
  const tooMany = breachOf('sheets', '', sheets, limits.maxSheets);
  if (tooMany) return { ok: false, problem: sheetLimitProblem(fileName, tooMany) };
  // One inflate of the parts: sheets measured from their cell references, sizes proven true.
  // When every part exceljs will get can be held, it gets only those, stored: the unused
  // parts are then never inflated, by us or by it. Else it gets the file, every part proven.
  const unused = (part: ZipPart): boolean => options.unusedParts?.test(part.name) === true;
  const handedOver = listing.entries.filter((e) => !e.isDirectory && !unused(e));
  const everyPart = options.verifyInflate !== false;
  const holdable = everyPart && handedOver.length <= MAX_STORED_PARTS && handedOver.every((e) => e.uncompressedSize <= SYNC_INFLATE_MAX_BYTES);
  const held: StoredPart[] = [];
  const trim = options.trimPart ?? ((_: string, data: Buffer): Buffer => data);
  const keep = (part: ZipPart, data: Buffer): void => { if (!unused(part)) held.push({ name: part.name, bytes: trim(part.name, data) }); };
  const prove = holdable ? (part: ZipPart): boolean => !unused(part) : (): boolean => everyPart;
  const problem = await measureSheets(bytes, listing.entries, fileName, limits, prove, holdable ? keep : undefined);
  if (problem) return { ok: false, problem };
  return { ok: true, bytes: holdable && held.length === handedOver.length ? storedZip(held) : bytes };
}

function cfbProblem(bytes: Buffer, fileName: string): Problem {
  const entries = readCfbDirectory(bytes);
  if (!entries) return fileProblems.corrupt(fileName);
  switch (classifyCfb(entries, fileName)) {
    case 'encrypted-ooxml': return fileProblems.encrypted(fileName);
    case 'wps-et': return fileProblems.wpsEt(fileName);
    case 'legacy-xls': return fileProblems.legacyXls(fileName);
    case 'word': return fileProblems.otherOffice(fileName, ' Word 文档（.doc）');
    case 'powerpoint': return fileProblems.otherOffice(fileName, ' PowerPoint 演示文稿（.ppt）');
    default: return fileProblems.otherOffice(fileName, '其他格式的 Office 文件');
  }
}
