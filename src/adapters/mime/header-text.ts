/**
 * Header text as a person would read it, from the raw header lines mailparser hands out (one
 * JavaScript char per byte, "binary"). mailparser decodes raw 8-bit header bytes as UTF-8 and so
 * turns the GBK subjects and names of old Chinese clients into U+FFFD; reading the raw lines
 * ourselves lets us fall back to GB18030 instead.
 */
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Chinese clients label GBK text as GB2312 (a subset); GB18030 is the superset that decodes all three. */
function canonicalCharset(label: string): string {
  const name = label.toLowerCase().replace(/\*.*$/, '').trim();
  if (/^(gb2312|gbk|x-gbk|cp936|gb_2312-80|euc-cn|x-euc-cn|ms936|windows-936|gb18030)$/.test(name)) return 'gb18030';
  if (name === '' || name === 'us-ascii' || name === 'ascii') return 'utf-8';
  return name;
}

/** Bytes to text: UTF-8 when they are valid UTF-8, else the declared charset, else GB18030. */
export function decodeBytes(bytes: Uint8Array, charset?: string): string {
  const declared = charset ? canonicalCharset(charset) : undefined;
  if (!declared || declared === 'utf-8' || declared === 'utf8') {
    try {
      return utf8.decode(bytes);
    } catch {
      // Raw 8-bit bytes that are not UTF-8: in this mailbox that is nearly always GBK (Foxmail 6, old Outlook).
      return iconv.decode(Buffer.from(bytes), 'gb18030');
    }
  }
  if (iconv.encodingExists(declared)) return iconv.decode(Buffer.from(bytes), declared);
  return decodeBytes(bytes);
}

/** A header line as mailparser keeps it (a byte per char) to Unicode, unfolded (RFC 5322 §2.2.3). */
export function rawLineToText(binaryLine: string): string {
  return decodeBytes(Buffer.from(binaryLine, 'latin1')).replace(/\r?\n(?=[ \t])/g, '').replace(/\r?\n$/, '');
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function encodedWordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') {
    // Lenient: some clients leave out the base64 padding or fold inside a word.
    return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  }
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Decodes RFC 2047 encoded words. Adjacent words of one charset are joined as bytes before
 * decoding, because Outlook and Foxmail split a GBK name mid-character across two words
 * (not allowed by §5, common in practice). Whitespace between encoded words is dropped (§6.2).
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let pendingCharset: string | null = null;
  let pendingBytes: Buffer[] = [];
  const flush = (): void => {
    if (pendingCharset !== null) out += decodeBytes(Buffer.concat(pendingBytes), pendingCharset);
    pendingCharset = null;
    pendingBytes = [];
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const [word, charset = '', encoding = 'B', text = ''] = match;
    const gap = value.slice(last, match.index);
    const canonical = canonicalCharset(charset);
    const continues = pendingCharset === canonical && /^\s*$/.test(gap);
    if (!continues) {
      flush();
      out += /^\s*$/.test(gap) && last > 0 ? '' : gap;
      pendingCharset = canonical;
    }
    pendingBytes.push(encodedWordBytes(encoding, text));
    last = match.index + word.length;
  }
  flush();
  return out + value.slice(last);
}

export interface HeaderLine {
  key: string;
  line: string;
}

/** Header values by lower-cased name, in order, unfolded and charset-fixed; encoded words left as they are. */
export function readHeaderValues(lines: readonly HeaderLine[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const text = rawLineToText(line);
    const colon = text.indexOf(':');
    const value = (colon >= 0 ? text.slice(colon + 1) : '').trim();
    const name = key.toLowerCase().trim();
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  return values;
}
