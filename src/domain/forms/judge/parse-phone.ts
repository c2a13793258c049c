/**
 * Telephone numbers, by docs/forms.md, "Telephone numbers": a mobile `1[3-9]\d{9}`; a Beijing landline
 * `(010-?)?[2-9]\d{7}`; any landline `0\d{2,3}-?\d{7,8}`. A landline may carry an extension
 * (转123, 分机123, -123, ext 123, x123) — allowed on every landline, since the Weihai campus
 * (0631) has switchboards too. One cell may hold several numbers separated by space, 、 , / ;
 * (full-width forms folded by NFKC). A number typed in groups (139 1234 5678, 139-1234-5678,
 * 010 5168 8000, 5168 8000) is one number: groups are joined before the cell is split.
 */
import { halfWidth } from './normalize.js';
import { MAX_PARSED_TEXT } from '../form-limits.js';

export type PhoneParse = { ok: true; numbers: string[] } | { ok: false; bad: string[] };

const MOBILE = /^1[3-9]\d{9}$/u;
const BEIJING = /^(?:010-?)?[2-9]\d{7}$/u;
const ANY_LANDLINE = /^0\d{2,3}-?\d{7,8}$/u;
const EXTENSION = /^(.*?)(?:#|-)(\d{1,6})$/u;
/** Bounded groups, no nested quantifiers: each runs in linear time on any cell text. */
const GROUPED_MOBILE = /(?<!\d)(1[3-9]\d)[ -](\d{4})[ -](\d{4})(?!\d)/gu;
const GROUPED_LANDLINE = /(?<![\d-])(0\d{2,3})[ -](\d{3,4})[ -](\d{4})(?![\d-])/gu;
const GROUPED_LOCAL = /(?<![\d-])([2-9]\d{3}) (\d{4})(?![\d-])/gu;

/** Parses the text of a non-blank phone cell into the numbers it lists. */
export function parsePhoneText(text: string): PhoneParse {
  // A few numbers fit in MAX_PARSED_TEXT; a longer text (50 KB of spaces) is not read at all.
  if (text.length > MAX_PARSED_TEXT) return { ok: false, bad: [text] };
  const s = joinGroups(halfWidth(text))
    // Join a spoken extension to its number before splitting on spaces: "51688888 转 123".
    .replace(/\s*(?:转|分机|ext\.?|x)\s*(\d{1,6})/giu, '#$1');
  const tokens = s.split(/[\s、,/;]+/u).filter((t) => t !== '');
  const bad = tokens.filter((t) => !isPhoneNumber(t));
  return bad.length === 0 && tokens.length > 0 ? { ok: true, numbers: tokens } : { ok: false, bad };
}

function joinGroups(text: string): string {
  return text.replace(GROUPED_MOBILE, '$1$2$3').replace(GROUPED_LANDLINE, '$1-$2$3').replace(GROUPED_LOCAL, '$1$2');
}

export function isPhoneNumber(token: string): boolean {
  if (MOBILE.test(token) || isLandline(token)) return true;
  const ext = EXTENSION.exec(token);
  return ext !== null && isLandline(ext[1] ?? '');
}

function isLandline(token: string): boolean {
  return BEIJING.test(token) || ANY_LANDLINE.test(token);
}
