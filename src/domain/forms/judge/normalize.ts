/**
 * Text normalisation shared by the value parsers. Units type in Chinese input methods, so
 * full-width digits (２０２５), full-width punctuation (／．－，；) and ideographic spaces (U+3000)
 * are everyday input, not mistakes: NFKC folds them to their ASCII forms.
 */
import type { RawCell } from '../types.js';

/** Full-width → half-width (NFKC) and trimmed; inner spaces are kept. */
export function halfWidth(text: string): string {
  return text.normalize('NFKC').trim();
}

/** Half-width with every kind of white space removed (for enums, numbers, dates). */
export function compact(text: string): string {
  return halfWidth(text).replace(/\s+/gu, '');
}

/** A cell's value as text, the way a unit would read it back: for `value` in a Problem. */
export function cellText(cell: RawCell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDateOf(v) ?? '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v).trim();
}

export function isBlank(cell: RawCell | undefined): boolean {
  return cellText(cell) === '' && !cell?.hyperlink;
}

/**
 * exceljs gives a date cell as a Date whose UTC fields carry the wall-clock date the unit typed.
 * The serial → milliseconds conversion can land a hair before midnight (…T23:59:59.999Z), so
 * round to the second before taking the day.
 */
export function isoDateOf(d: Date): string | null {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(Math.round(ms / 1000) * 1000).toISOString().slice(0, 10);
}

/** Characters, not UTF-16 units: a rare CJK character outside the BMP is still one character. */
export function characterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}
