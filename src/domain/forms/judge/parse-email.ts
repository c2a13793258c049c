/**
 * The header's 电子邮箱: one address. A pragmatic shape check (local@domain.tld), not RFC 5322's
 * full grammar: the goal is to catch a missing @, a Chinese comma typed in the address, or a
 * phone number in the wrong box. Full-width ＠ and letters are folded first; `mailto:` (from a
 * hyperlinked cell) is dropped.
 */
import { halfWidth } from './normalize.js';
import { MAX_PARSED_TEXT } from '../form-limits.js';

const ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/u;

/** The normalised (lower-case) address, or null when the text is not one. */
export function parseEmailText(text: string): string | null {
  if (text.length > MAX_PARSED_TEXT) return null;
  const s = halfWidth(text).replace(/^mailto:/iu, '');
  return ADDRESS.test(s) ? s.toLowerCase() : null;
}
