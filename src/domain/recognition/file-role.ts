/**
 * What each file of a submission is for (docs/forms.md, "The report's parts"): a form
 * workbook, the written summary (总结材料), photos and videos (影像资料), media coverage
 * (媒体报道资料), or something else. Decided from the file name and the sniffed type only; the
 * bytes were sniffed upstream, so a renamed file is judged by what it really is where that matters.
 */
import type { DownloadLink } from '../mail/message.js';

export type FileRole = 'form' | 'summary' | 'media_photo_video' | 'press' | 'other';

/** Coarse kind of a file before its purpose is decided. */
export type FileKind = 'workbook' | 'document' | 'image' | 'video' | 'archive' | 'unknown';

/** Extensions by kind, with the container sniffs a file of that kind may show. */
const BY_EXTENSION: ReadonlyArray<{ kind: FileKind; ext: ReadonlySet<string>; sniffs: ReadonlySet<string> }> = [
  { kind: 'workbook', ext: new Set(['xlsx', 'xlsm', 'xls', 'et', 'ett']), sniffs: new Set(['zip', 'cfb']) },
  // A .doc saved as RTF by an old Word or WPS is still a document a person can open.
  { kind: 'document', ext: new Set(['docx', 'doc', 'pdf', 'wps']), sniffs: new Set(['zip', 'cfb', 'rtf']) },
  { kind: 'archive', ext: new Set(['zip', 'rar', '7z']), sniffs: new Set(['zip']) },
  { kind: 'image', ext: new Set(['jpg', 'jpeg', 'png', 'heic']), sniffs: new Set() },
  // Old QuickTime files start with a `wide` or `mdat` box instead of `ftyp`, so they sniff as unknown.
  { kind: 'video', ext: new Set(['mp4', 'mov']), sniffs: new Set() },
];

/** Sniffed types that settle the kind whatever the name says (a `.jpg` that is a PDF is a PDF). */
const DECISIVE_SNIFF: Readonly<Record<string, FileKind>> = {
  pdf: 'document',
  jpeg: 'image',
  png: 'image',
  heic: 'image',
  mp4: 'video',
  mov: 'video',
  xlsx: 'workbook',
  'xls-cfb': 'workbook',
  docx: 'document',
  rar: 'archive',
  '7z': 'archive',
};

/** Names that say "this is media coverage": 报道, 媒体, 新闻, 截图 (and the usual 推送 of WeChat accounts). */
const PRESS_HINT = /报道|媒体|新闻|截图|截屏|推送|公众号|宣传稿/;
const SUMMARY_HINT = /总结|小结/;
/**
 * A file named as a form that is not a workbook — a 推荐表 typed in Word, or the stamped scan
 * (盖章扫描件) many offices send next to the spreadsheet — is neither a summary nor a photo.
 */
const FORM_HINT = /推荐表|统计表|附件[1一](?![0-9])|附件[2二](?![0-9])/;

export function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).trim().toLowerCase() : '';
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/**
 * The kind of a file. Container sniffs (`zip`, `cfb`) cannot tell an .xlsx from a .docx or a .zip,
 * nor a legacy .xls from a .doc, so for them the extension decides within what the bytes allow;
 * a name whose bytes contradict it (a `.pdf` that is an HTML error page) is `unknown`.
 */
export function fileKind(name: string, sniffedType: string): FileKind {
  const decisive = DECISIVE_SNIFF[sniffedType];
  if (decisive) return decisive;
  const ext = extensionOf(name);
  const notSniffed = sniffedType === '' || sniffedType === 'unknown';
  for (const family of BY_EXTENSION) {
    if (family.ext.has(ext)) return notSniffed || family.sniffs.has(sniffedType) ? family.kind : 'unknown';
  }
  return sniffedType === 'zip' ? 'archive' : 'unknown';
}

/**
 * Images smaller than this are signature logos, emoji and tracking pixels that mail clients attach
 * inline (Outlook's `image001.png`), not photos of an event.
 */
export const MIN_PHOTO_BYTES = 16 * 1024;

/**
 * The role of one file, by its name (with any folder path inside a zip), sniffed type and, when
 * known, size in bytes.
 */
export function classifyFile(name: string, sniffedType: string, size?: number): FileRole {
  const kind = fileKind(name, sniffedType);
  if (kind === 'workbook') return 'form';
  if (kind === 'video') return 'media_photo_video';
  if (kind !== 'document' && kind !== 'image') return 'other';
  const base = normalizeName(baseName(name));
  const path = normalizeName(name);
  if (kind === 'document' && SUMMARY_HINT.test(base)) return 'summary';
  // A screenshot of a news page is coverage; a photo of the event is 影像资料. Folder names
  // inside a zip (`媒体报道/1.png`) count as well as the file's own name.
  if (PRESS_HINT.test(base)) return 'press';
  if (FORM_HINT.test(base)) return 'other';
  if (kind === 'document' && SUMMARY_HINT.test(path)) return 'summary';
  if (PRESS_HINT.test(path)) return 'press';
  if (kind === 'document') return 'summary';
  return size !== undefined && size > 0 && size < MIN_PHOTO_BYTES ? 'other' : 'media_photo_video';
}

/** Full-width digits and letters (`附件１`) to half-width, so hints match either. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC');
}

/**
 * A download link in the body. Cloud-drive and large-attachment links usually carry the videos
 * that do not fit in a mail; a link whose label names a file is judged by that name.
 */
export function classifyLink(link: DownloadLink): FileRole {
  const label = link.label?.trim() ?? '';
  if (label !== '' && extensionOf(label) !== '') {
    const byName = classifyFile(label, 'unknown');
    if (byName !== 'other') return byName;
  }
  if (PRESS_HINT.test(label)) return 'press';
  if (link.kind === 'cloud_drive' || link.kind === 'large_attachment') return 'media_photo_video';
  return 'other';
}
