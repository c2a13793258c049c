/**
 * Counts as units write them: numeric cells (formulas arrive as their cached result), text
 * digits, thousands separators (1,200), full-width digits (２００).
 *
 * Decided here (docs/forms.md, "Dates and numbers as units write them", names only 约200, 200+, 二百):
 * - a count word after the number (200人, 3场, 5篇) is accepted: the figure is exact and the
 *   word only repeats the column's unit;
 * - approximations (约200, 200+, 200余, 200多, 200左右), Chinese numerals (二百), decimals and
 *   anything else are errors that ask for a plain number.
 */
import type { RawCell } from '../types.js';
import { compact } from './normalize.js';
import { MAX_PARSED_TEXT } from '../form-limits.js';

export type IntegerParse =
  | { ok: true; value: number }
  | { ok: false; reason: 'approximate' | 'decimal' | 'notNumber' };

const COUNT_WORDS = '(?:人次|人|名|场次|场|次|篇|条|个|项)';
const PLAIN = new RegExp(`^([-+]?)(\\d{1,3}(?:,\\d{3})+|\\d+)${COUNT_WORDS}?$`, 'u');
const APPROXIMATE = /^(约|大约|近|超过|逾)|(\+|余|多|左右|以上|上下)/u;
const DECIMAL = /^[-+]?\d+\.\d+$/u;

/** Parses a non-blank cell of an integer column. */
export function parseIntegerCell(cell: RawCell): IntegerParse {
  const v = cell.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, reason: 'notNumber' };
    return Number.isInteger(v) ? { ok: true, value: v } : { ok: false, reason: 'decimal' };
  }
  if (typeof v === 'string') return parseIntegerText(v);
  return { ok: false, reason: 'notNumber' };
}

export function parseIntegerText(text: string): IntegerParse {
  if (text.length > MAX_PARSED_TEXT) return { ok: false, reason: 'notNumber' };
  const s = compact(text);
  const m = PLAIN.exec(s);
  if (m) {
    const value = Number((m[2] ?? '').replaceAll(',', ''));
    if (!Number.isSafeInteger(value)) return { ok: false, reason: 'notNumber' };
    return { ok: true, value: m[1] === '-' ? -value : value };
  }
  if (DECIMAL.test(s)) return { ok: false, reason: 'decimal' };
  if (/\d/u.test(s) && APPROXIMATE.test(s)) return { ok: false, reason: 'approximate' };
  return { ok: false, reason: 'notNumber' };
}
