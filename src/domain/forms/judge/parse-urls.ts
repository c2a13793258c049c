/**
 * 报道链接: http(s) URLs, several per cell separated by white space, new lines, ；/; or ,/，
 * (full-width folded by NFKC). A hyperlinked cell counts by its target: units often paste a
 * headline that links to the article, so when the cell has a link the display text is not
 * judged — only text tokens that are themselves URLs are added.
 */
import type { RawCell } from '../types.js';
import { halfWidth } from './normalize.js';
import { MAX_URLS_TEXT } from '../form-limits.js';

export type UrlsParse = { ok: true; urls: string[] } | { ok: false; bad: string[] };

export function parseUrlsCell(cell: RawCell): UrlsParse {
  const text = typeof cell.value === 'string' || typeof cell.value === 'number' ? String(cell.value) : '';
  // A few dozen links fit in MAX_URLS_TEXT; a longer text (or link target) is not split at all.
  if (text.length > MAX_URLS_TEXT || (cell.hyperlink?.length ?? 0) > MAX_URLS_TEXT) return { ok: false, bad: [text || (cell.hyperlink ?? '')] };
  const tokens = halfWidth(text)
    .split(/[\s;,、]+/u)
    .filter((t) => t !== '');
  const link = cell.hyperlink?.trim() ?? '';
  if (link !== '' && isHttpUrl(link)) {
    return { ok: true, urls: unique([link, ...tokens.filter(isHttpUrl)]) };
  }
  const bad = tokens.filter((t) => !isHttpUrl(t));
  if (link !== '') bad.unshift(link);
  return bad.length === 0 && tokens.length > 0 ? { ok: true, urls: unique(tokens) } : { ok: false, bad };
}

export function isHttpUrl(token: string): boolean {
  if (!/^https?:\/\//iu.test(token)) return false;
  try {
    const url = new URL(token);
    return url.hostname.includes('.') || url.hostname === 'localhost';
  } catch {
    return false;
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
