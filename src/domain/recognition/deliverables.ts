/**
 * Which deliverable(s) a message carries and what each of its files is (docs/forms.md, "Which
 * deliverable it is"): by the forms found in its workbooks first, then by the subject and the file
 * names. One mail may carry both forms, or a zip of everything. Pure: the zip's entry list and the
 * forms found are computed upstream and passed in.
 */
import type { AttachmentInfo, DownloadLink } from '../mail/message.js';
import type { FormId } from '../forms/types.js';
import { classifyFile, classifyLink, normalizeName, type FileRole } from './file-role.js';
import type { ReportParts } from './report-parts.js';

/** One entry of a zip attachment, as the zip lister reports it (no bytes). */
export interface ZipEntryInfo {
  /** Path inside the archive, e.g. `照片/开幕式1.jpg`, decoded to Unicode. */
  name: string;
  size: number;
  sniffedType: string;
}

export interface SubmittedAttachment extends Pick<AttachmentInfo, 'part' | 'filename' | 'sniffedType'> {
  size?: number;
  /** For a zip attachment that could be listed: its entries. Absent or null when not a listed zip. */
  entries?: readonly ZipEntryInfo[] | null;
}

export interface DeliverableInput {
  subject: string;
  attachments: readonly SubmittedAttachment[];
  links: readonly DownloadLink[];
  /** Forms recognised in the message's workbooks (attached or zipped), by their header rows. */
  formsFound: readonly FormId[];
}

export interface ClassifiedFile {
  source: 'attachment' | 'zip_entry' | 'link';
  /** MIME part of the attachment (of the enclosing zip for an entry); null for a link. */
  part: string | null;
  /** File name, path inside the zip, or a link's label (its URL when it has none). */
  name: string;
  role: FileRole;
  url: string | null;
}

export interface DeliverableRecognition {
  deliverables: FormId[];
  files: ClassifiedFile[];
  /** The report parts this message carries; null when it does not carry the report. */
  reportParts: ReportParts | null;
}

const RECOMMENDATION_HINT = /推荐|附件1(?![0-9])|附件一/;
const REPORT_HINT = /统计表|附件2(?![0-9])|附件二|开展情况|总结|报道|照片|视频|影像/;
const REPORT_MATERIAL: ReadonlySet<FileRole> = new Set(['summary', 'media_photo_video', 'press']);

/** Entries a zip carries that nobody put there on purpose: folders, macOS resource forks, Windows thumbnails. */
function isArchiveNoise(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('._') || /^(\.ds_store|thumbs\.db|desktop\.ini)$/i.test(base);
}

export function classifyFiles(attachments: readonly SubmittedAttachment[], links: readonly DownloadLink[]): ClassifiedFile[] {
  const files: ClassifiedFile[] = [];
  for (const a of attachments) {
    const entries = (a.entries ?? []).filter((e) => !isArchiveNoise(e.name.replace(/\\/g, '/')));
    if (entries.length > 0) {
      for (const e of entries) {
        files.push({ source: 'zip_entry', part: a.part, name: e.name, role: classifyFile(e.name, e.sniffedType, e.size), url: null });
      }
    } else {
      files.push({ source: 'attachment', part: a.part, name: a.filename, role: classifyFile(a.filename, a.sniffedType, a.size), url: null });
    }
  }
  for (const link of links) {
    files.push({ source: 'link', part: null, name: link.label?.trim() || link.url, role: classifyLink(link), url: link.url });
  }
  return files;
}

export function recognizeDeliverables(input: DeliverableInput): DeliverableRecognition {
  const files = classifyFiles(input.attachments, input.links);
  const subject = normalizeName(input.subject);
  // The zip's own name counts too (`电信学院总结材料.zip`); a bare URL is no name.
  const names = [...input.attachments.map((a) => a.filename), ...files.filter((f) => f.name !== f.url).map((f) => f.name)].map(normalizeName);
  const found = new Set<FormId>(input.formsFound);

  if (found.size === 0) {
    // No form could be read (none sent, a legacy .xls, a PDF scan): the words decide.
    if ([subject, ...names].some((t) => RECOMMENDATION_HINT.test(t))) found.add('recommendation');
    if ([subject, ...names].some((t) => REPORT_HINT.test(t))) found.add('report');
  }

  const materials = files.filter((f) => REPORT_MATERIAL.has(f.role));
  if (!found.has('report') && materials.length > 0) {
    // A recommendation often comes with a poster or a plan (活动方案.docx); such files make the
    // mail a report only when their names or the subject say so.
    const saysReport = REPORT_HINT.test(subject) || materials.some((f) => REPORT_HINT.test(normalizeName(f.name)));
    if (!found.has('recommendation') || saysReport) found.add('report');
  }

  const deliverables = (['recommendation', 'report'] as const).filter((id) => found.has(id));
  const reportParts = found.has('report')
    ? {
        table: input.formsFound.includes('report'),
        summary: files.some((f) => f.role === 'summary'),
        media: files.some((f) => f.role === 'media_photo_video'),
        press: files.some((f) => f.role === 'press'),
      }
    : null;
  return { deliverables, files, reportParts };
}
