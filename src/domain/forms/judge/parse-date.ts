/**
 * Dates as units write them (docs/forms.md, "Dates and numbers as units write them"): real date cells,
 * Excel serial numbers, and text — 2025-05-20, 2025/5/20, 2025.5.20, 2025年5月20日, 5月20日 —
 * or a range in one cell (5月20日-22日, 2025-05-20至2025-05-22, 5月20日—5月22日).
 * `5.20` (and so `5.20-5.22`) is not a date: month.day without a year reads as a decimal
 * number, and docs/forms.md names it as the example of what to correct.
 */
import type { RawCell } from '../types.js';
import { compact, halfWidth, isoDateOf } from './normalize.js';
import { MAX_PARSED_TEXT } from '../form-limits.js';

export type DateParse =
  | { ok: true; start: string; end: string | null }
  | { ok: false; reason: 'unrecognised' | 'notReal' };

/** Excel's serial day 0 is 1899-12-30 once its phantom 1900-02-29 is accounted for. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** 40000 = 2009-07-06, 60000 = 2064-04-08: any plausible activity date, and no plausible count. */
const SERIAL_MIN = 40_000;
const SERIAL_MAX = 60_000;

/** Parses a non-blank cell of a date column; `year` is assumed for text like 5月20日. */
export function parseDateCell(cell: RawCell, year: number): DateParse {
  const v = cell.value;
  if (v instanceof Date) {
    const iso = isoDateOf(v);
    return iso ? { ok: true, start: iso, end: null } : { ok: false, reason: 'unrecognised' };
  }
  if (typeof v === 'number') return parseSerial(v);
  if (typeof v === 'string') return parseDateText(v, year);
  return { ok: false, reason: 'unrecognised' };
}

export function parseSerial(n: number): DateParse {
  if (!Number.isFinite(n) || n < SERIAL_MIN || n > SERIAL_MAX) return { ok: false, reason: 'unrecognised' };
  const iso = new Date(EXCEL_EPOCH_MS + Math.floor(n) * DAY_MS).toISOString().slice(0, 10);
  return { ok: true, start: iso, end: null };
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

type Part = Ymd | 'notReal' | null;

/** Range separators, after NFKC has folded －～ to -~: hyphen, dashes, tilde, 至, 到. */
const SEPARATOR = /-|—+|–|―|~|至|到/gu;

export function parseDateText(text: string, year: number): DateParse {
  // A date is a few characters: a longer text is not read (docs/limits.md), so no pattern below
  // ever sees more than MAX_PARSED_TEXT characters, whatever the cell holds.
  if (text.length > MAX_PARSED_TEXT) return { ok: false, reason: 'unrecognised' };
  // A time of day after the date (2025-05-20 14:00) says nothing about the day: drop it.
  const s = compact(halfWidth(text).replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/u, ''));
  const single = parseSingle(s, year);
  if (single) return finish(single, null);
  for (const sep of s.matchAll(SEPARATOR)) {
    const at = sep.index;
    const start = parseSingle(s.slice(0, at), year);
    if (!start) continue;
    const end = start === 'notReal' ? 'notReal' : parseEnd(s.slice(at + sep[0].length), start);
    if (end) return finish(start, end);
  }
  return { ok: false, reason: 'unrecognised' };
}

function finish(start: Ymd | 'notReal', end: Ymd | 'notReal' | null): DateParse {
  if (start === 'notReal' || end === 'notReal') return { ok: false, reason: 'notReal' };
  return { ok: true, start: iso(start), end: end ? iso(end) : null };
}

function parseSingle(s: string, year: number): Part {
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/u.exec(s);
  if (m) return real(Number(m[1]), Number(m[3]), Number(m[4]));
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/u.exec(s);
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})月(\d{1,2})[日号]?$/u.exec(s);
  if (m) return real(year, Number(m[1]), Number(m[2]));
  return null;
}

/** The end of a range may leave out what it shares with the start: 5月20日-22日, 2025年5月20日至5月22日. */
function parseEnd(s: string, start: Ymd): Part {
  const full = parseSingle(s, start.y);
  if (full) return full;
  const m = /^(\d{1,2})[日号]$/u.exec(s);
  return m ? real(start.y, start.m, Number(m[1])) : null;
}

function real(y: number, m: number, d: number): Ymd | 'notReal' {
  const t = new Date(Date.UTC(y, m - 1, d));
  const ok = t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  return ok ? { y, m, d } : 'notReal';
}

function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
