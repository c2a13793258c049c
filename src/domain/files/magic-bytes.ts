/**
 * Coarse file type from the first bytes of a file, whatever name or Content-Type the sender gave
 * it. Mail clients routinely label an .xlsx as application/octet-stream, and units rename files
 * (a "表.xlsx" that is really a legacy .xls, an .et saved by WPS), so later stages trust the bytes.
 */

export type SniffedType =
  | 'zip'
  | 'cfb'
  | 'pdf'
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'heic'
  | 'mp4'
  | 'mov'
  | 'rar'
  | '7z'
  | 'gzip'
  | 'rtf'
  | 'html'
  | 'text'
  | 'unknown';

/** How many leading bytes sniffMagic can use; callers keep at least this many. */
export const SNIFF_BYTES = 4096;

function startsWith(head: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (head.length < offset + signature.length) return false;
  return signature.every((byte, i) => head[offset + i] === byte);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, Math.min(to, head.length)));
}

const SIGNATURES: ReadonlyArray<readonly [SniffedType, readonly number[]]> = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  // An empty zip is only an end-of-central-directory record; a spanned one starts with PK\x07\x08.
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['zip', [0x50, 0x4b, 0x07, 0x08]],
  // Compound File Binary: legacy .xls/.doc, WPS .et, and password-encrypted OOXML.
  ['cfb', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['gzip', [0x1f, 0x8b]],
  ['rtf', [0x7b, 0x5c, 0x72, 0x74, 0x66]],
];

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'm4v ', 'm4a ', 'f4v ', 'mmp4', '3gp4', '3gp5', '3gp6', '3g2a']);

/** ISO base media files (HEIC, MP4, MOV) carry an `ftyp` box at offset 4 naming their brand. */
function sniffFtyp(head: Uint8Array): SniffedType | null {
  if (ascii(head, 4, 8) !== 'ftyp') return null;
  const brand = ascii(head, 8, 12);
  if (HEIC_BRANDS.has(brand)) return 'heic';
  if (brand === 'qt  ') return 'mov';
  if (MP4_BRANDS.has(brand) || brand.startsWith('3g')) return 'mp4';
  // Unknown brand: still an ISO media file; MP4 is the family name a person would recognise.
  return 'mp4';
}

function skipBomAndSpace(head: Uint8Array): number {
  let i = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return i;
}

function looksLikeHtml(head: Uint8Array): boolean {
  const start = skipBomAndSpace(head);
  const opening = ascii(head, start, start + 64).toLowerCase();
  return /^<(!doctype html|html|head|body|meta|!--)/.test(opening);
}

/**
 * Text: no NUL and no stray control bytes, and the high bytes form valid UTF-8 or plausible
 * GB18030 (lead byte 0x81–0xFE followed by a trail byte). The last few bytes may be a character
 * cut by the sniff window, so an incomplete sequence at the very end is accepted.
 */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let utf8Ok = true;
  let gbOk = true;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) return false;
  }
  for (let i = 0; i < head.length && utf8Ok; ) {
    const b = head[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) utf8Ok = false;
    for (let k = 1; k <= need && utf8Ok; k++) {
      if (i + k >= head.length) break;
      const c = head[i + k]!;
      if (c < 0x80 || c > 0xbf) utf8Ok = false;
    }
    i += need + 1;
  }
  if (utf8Ok) return true;
  for (let i = 0; i < head.length && gbOk; ) {
    const b = head[i]!;
    if (b < 0x80) { i++; continue; }
    if (b === 0x80 || b === 0xff) { gbOk = false; break; }
    if (i + 1 >= head.length) break;
    const c = head[i + 1]!;
    if (c >= 0x30 && c <= 0x39) {
      // Four-byte GB18030 sequence: lead, digit, lead, digit.
      i += 4;
    } else if ((c >= 0x40 && c <= 0x7e) || (c >= 0x80 && c <= 0xfe)) {
      i += 2;
    } else {
      gbOk = false;
    }
  }
  return gbOk;
}

/** Coarse type of a file from its first bytes (pass up to SNIFF_BYTES of them). Pure. */
export function sniffMagic(head: Uint8Array): SniffedType {
  for (const [type, signature] of SIGNATURES) {
    if (startsWith(head, signature)) return type;
  }
  const iso = sniffFtyp(head);
  if (iso) return iso;
  if (looksLikeHtml(head)) return 'html';
  if (looksLikeText(head)) return 'text';
  return 'unknown';
}

/** The usual file extension for a sniffed type, used to name an attachment that came without one. */
export function extensionFor(type: SniffedType): string {
  switch (type) {
    case 'cfb': return 'xls';
    case 'jpeg': return 'jpg';
    case 'text': return 'txt';
    case 'unknown': return 'bin';
    default: return type;
  }
}
