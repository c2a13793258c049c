/**
 * Opens a mail's files to gather the evidence a submission is judged on: every workbook read
 * against the form definitions and its forms judged (both in the reading sandbox), every zip listed (and the workbooks inside it read), all within
 * bounds so that a bomb or a giant file is a problem, not an outage.
 */
import type { AttachmentInfo, DownloadLink, UnopenedPart } from '../../domain/mail/message.js';
import { nestedArchiveProblem, unopenedPartProblem } from '../../domain/submissions/unopened-files.js';
import { extractZipEntry, fileProblems, listZipArchive } from '../../adapters/files/index.js';
import type { WorkbookReader } from '../../adapters/workbook/sandbox/read-pool.js';
import type { AbortReason } from '../../adapters/workbook/sandbox/read-request.js';
import { TYPE_NAMES } from '../../domain/files/file-problems.js';
import type { FormContext, FormDefinition, JudgedWorkbook } from '../../domain/forms/types.js';
import { extensionOf, fileKind, type SubmittedAttachment } from '../../domain/recognition/index.js';
import type { SubmissionEvidence, WorkbookEvidence } from '../../domain/submissions/evidence.js';

/** A real form is tens of KB; past this a "workbook" is not opened, attached or inside a zip. */
export const MAX_WORKBOOK_BYTES = 30 * 1024 * 1024;
/** Zips of a whole report (photos, a video) are listed up to this size; bigger ones are judged by name. */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** A report zip legitimately holds videos: its limit is on entries and ratio, not on size. */
const ARCHIVE_LIMITS = { maxTotalUncompressedBytes: 8 * 1024 * 1024 * 1024 };

export interface EvidenceInput {
  fromAddress: string;
  /** Authentication-Results header values, passed on for the sender checks (docs/trust.md). */
  authenticationResults?: readonly string[];
  /** Parts the mail parser left unopened (too many parts, forwards nested too deep): told to the unit. */
  unopened?: readonly UnopenedPart[];
  subject: string;
  receivedAt: string | null;
  links: readonly DownloadLink[];
  attachments: readonly AttachmentInfo[];
  readBytes(sha256: string): Promise<Buffer>;
  definitions: readonly FormDefinition[];
  /** What each form read is judged with, in the reading sandbox. */
  formContext: FormContext;
  /** Reads workbooks and .csv files, and judges their forms, in a separate process within memory and time caps (docs/limits.md). */
  reader: WorkbookReader;
  /** Told of each reading the sandbox gave up (the unit gets a problem; the caller records an incident). */
  onAborted?(name: string, reason: AbortReason, detail: string): void;
  /**
   * The process died twice while this mail was being judged, and its job was quarantined
   * (docs/limits.md): no file is opened again. Each workbook, .csv and zip is the problem
   * `file-reading-aborted` the sandbox gives a reading that died, so the unit still hears back.
   */
  openNothing?: boolean;
}

export async function gatherEvidence(input: EvidenceInput): Promise<SubmissionEvidence> {
  const attachments: SubmittedAttachment[] = [];
  const workbooks: WorkbookEvidence[] = [];
  const problems: SubmissionEvidence['fileProblems'][number][] = [];
  const defs = [...input.definitions];
  const read = async (load: () => Promise<Buffer>, kind: 'xlsx' | 'csv', name: string, fileName: string): Promise<JudgedWorkbook> => {
    if (input.openNothing) return { forms: [], problems: [fileProblems.readingAborted(fileName, 'crash')] };
    const bytes = await load();
    const outcome = await input.reader.read({ bytes, kind, fileName, definitions: defs, formContext: input.formContext });
    if (outcome.ok) return outcome.result;
    input.onAborted?.(name, outcome.reason, outcome.detail);
    return { forms: [], problems: [fileProblems.readingAborted(fileName, outcome.reason)] };
  };
  for (const u of input.unopened ?? []) problems.push(unopenedPartProblem(u));

  for (const a of input.attachments) {
    const kind = fileKind(a.filename, a.sniffedType);
    const submitted: SubmittedAttachment = { part: a.part, filename: a.filename, sniffedType: a.sniffedType, size: a.size };
    attachments.push(submitted);
    const ext = extensionOf(a.filename);
    const other = OTHER_SPREADSHEETS[ext];
    if (other) {
      problems.push({ part: a.part, name: a.filename, problem: fileProblems.otherSpreadsheet(a.filename, other) });
      continue;
    }
    if (ext === 'csv' && a.size <= MAX_WORKBOOK_BYTES) {
      const csv = await read(() => input.readBytes(a.sha256), 'csv', a.filename, a.filename);
      // A .csv that is no form (a participants list) is just a file; one too big to read is a problem.
      if (csv.forms.length > 0) workbooks.push({ part: a.part, name: a.filename, result: csv });
      else for (const problem of csv.problems) problems.push({ part: a.part, name: a.filename, problem });
      continue;
    }
    if (kind === 'workbook' || looksLikeWorkbookName(a.filename)) {
      if (a.size > MAX_WORKBOOK_BYTES) {
        problems.push({ part: a.part, name: a.filename, problem: fileProblems.tooLarge(a.filename, `有 ${Math.round(a.size / 1024 / 1024)} MB`) });
        continue;
      }
      workbooks.push({ part: a.part, name: a.filename, result: await read(() => input.readBytes(a.sha256), 'xlsx', a.filename, a.filename) });
      continue;
    }
    if (kind !== 'archive') continue;
    // Only zip is opened here: a .rar or .7z is not "damaged", the unit is asked for a zip or the files.
    if (a.sniffedType !== 'zip') {
      problems.push({ part: a.part, name: a.filename, problem: fileProblems.archiveNotZip(a.filename, TYPE_NAMES[a.sniffedType] ?? `.${ext} 压缩包`) });
      continue;
    }
    if (a.size > MAX_ARCHIVE_BYTES) continue;
    if (input.openNothing) {
      problems.push({ part: a.part, name: a.filename, problem: fileProblems.readingAborted(a.filename, 'crash') });
      continue;
    }
    const bytes = await input.readBytes(a.sha256);
    const listing = await listZipArchive(bytes, ARCHIVE_LIMITS, a.filename);
    if (!listing.ok) {
      problems.push({ part: a.part, name: a.filename, problem: listing.problem });
      continue;
    }
    const files = listing.entries.filter((e) => !e.isDirectory);
    submitted.entries = files.map((e) => ({ name: e.name, size: e.uncompressedSize, sniffedType: 'unknown' }));
    for (const entry of files) {
      // One level of archive only: a zip in a zip is named to the unit, not opened.
      if (fileKind(entry.name, 'unknown') === 'archive') problems.push({ part: a.part, name: `${a.filename}/${entry.name}`, problem: nestedArchiveProblem(a.filename, entry.name) });
      if (fileKind(entry.name, 'unknown') !== 'workbook') continue;
      const name = `${a.filename}/${entry.name}`;
      // The cap on a workbook's size holds inside a zip too, by declared size (it is inflated no further than that: src/adapters/files/zip-part.ts).
      if (entry.uncompressedSize > MAX_WORKBOOK_BYTES) {
        problems.push({ part: a.part, name, problem: fileProblems.tooLarge(name, `有 ${Math.round(entry.uncompressedSize / 1024 / 1024)} MB（表格文件上限 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB）`) });
        continue;
      }
      const extracted = await extractZipEntry(bytes, entry.name, ARCHIVE_LIMITS, a.filename);
      if (!extracted.ok) problems.push({ part: a.part, name, problem: extracted.problem });
      else workbooks.push({ part: a.part, name, result: await read(async () => extracted.bytes, 'xlsx', name, entry.name) });
    }
  }
  return { fromAddress: input.fromAddress, authenticationResults: input.authenticationResults ?? [], subject: input.subject, receivedAt: input.receivedAt, links: input.links, attachments, workbooks, fileProblems: problems };
}

/** Spreadsheets of other programs: named to the unit, who is asked to save the form as .xlsx. */
const OTHER_SPREADSHEETS: Readonly<Record<string, string>> = {
  ods: 'OpenDocument 表格（.ods，LibreOffice 或 WPS 的另一种保存格式）',
  fods: 'OpenDocument 表格（.fods）',
  numbers: 'Apple Numbers 表格（.numbers）',
  xlsb: 'Excel 二进制工作簿（.xlsb）',
};

/** A name that claims to be a spreadsheet is opened whatever its bytes are, so a renamed PDF is told apart. */
function looksLikeWorkbookName(name: string): boolean {
  return /\.(xlsx|xlsm|xls|et|ett|xltx)$/i.test(name.trim());
}
