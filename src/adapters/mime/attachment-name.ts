/**
 * The file name of an attachment, decoded to Unicode whatever the client did. mailparser already
 * handles RFC 2231 (`filename*=UTF-8''…`, `filename*0*=` continuations) and RFC 2047 words inside
 * a quoted name (`filename="=?GBK?B?…?="`, Outlook/Foxmail). What it cannot handle is a name in raw
 * 8-bit GBK with no encoding at all (Foxmail 6, old Outlook Express on Chinese Windows): its
 * splitter keeps such bytes one char per byte (so `推荐表` arrives as `ÍÆ¼ö±í`), while its parsed
 * header copy reads them as UTF-8 (`�Ƽ���`). That pair is the signature we repair from.
 */
import type { HeaderValue, Headers, StructuredHeader } from 'mailparser';
import iconv from 'iconv-lite';
import { extensionFor, type SniffedType } from '../../domain/files/magic-bytes.js';

function isStructured(value: HeaderValue | undefined): value is StructuredHeader {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && 'params' in value;
}

/** True when the part's parsed headers show a name parameter read from raw non-UTF-8 bytes. */
function nameHadRawBytes(headers: Headers): boolean {
  const disposition = headers.get('content-disposition');
  const contentType = headers.get('content-type');
  const names = [
    isStructured(disposition) ? disposition.params['filename'] : undefined,
    isStructured(contentType) ? contentType.params['name'] : undefined,
  ];
  return names.some((name) => typeof name === 'string' && name.includes('\ufffd'));
}

/** A name in one-char-per-byte form (every char ≤ U+00FF, some ≥ U+0080) re-read as GB18030. */
function repairRawGbk(name: string): string {
  const codes = [...name].map((ch) => ch.codePointAt(0) ?? 0);
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return name;
  const decoded = iconv.decode(Buffer.from(name, 'latin1'), 'gb18030');
  return decoded.includes('\ufffd') ? name : decoded;
}

/** Control characters and line breaks have no place in a name shown to a person or in a digest. */
function tidy(name: string): string {
  return [...name].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f').join('').trim();
}

export interface NameSource {
  filename?: string;
  headers: Headers;
}

/** Extension for a nameless part: message parts by their declared type, files by their bytes. */
function fallbackExtension(declaredType: string, sniffed: SniffedType): string {
  if (declaredType === 'message/rfc822') return 'eml';
  if (declaredType === 'message/delivery-status' || declaredType === 'text/rfc822-headers') return 'txt';
  return extensionFor(sniffed);
}

/** The decoded name, or a generated `attachment-<part>.<ext>` when the part has none. */
export function attachmentName(source: NameSource, part: string, declaredType: string, sniffed: SniffedType): string {
  const given = source.filename ? tidy(nameHadRawBytes(source.headers) ? repairRawGbk(source.filename) : source.filename) : '';
  if (given) return given;
  return `attachment-${part}.${fallbackExtension(declaredType, sniffed)}`;
}
