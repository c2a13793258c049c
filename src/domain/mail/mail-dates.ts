/**
 * Dates as mail carries them (RFC 5322 §3.3), read strictly enough to be deterministic: we never
 * let the JavaScript engine guess a zone abbreviation. Chinese servers write `+0800 (CST)`, where
 * CST means China Standard Time, while RFC 822 says CST is US Central (-0600); the numeric offset
 * wins, and comments are dropped before reading.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 822 obsolete zones (§4.3 of RFC 5322); military letters are read as +0000, as §4.3 advises. */
const NAMED_ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  edt: -4 * 60, est: -5 * 60, cdt: -5 * 60, cst: -6 * 60, mdt: -6 * 60, mst: -7 * 60, pdt: -7 * 60, pst: -8 * 60,
};

const RFC5322_DATE =
  /^(?:[a-z]{3,9},?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[a-z]{1,5})?/i;

function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return NAMED_ZONES[zone.toLowerCase()] ?? 0;
}

function plausible(ms: number): boolean {
  return Number.isFinite(ms) && ms >= Date.UTC(1980, 0, 1) && ms < Date.UTC(2200, 0, 1);
}

/** A Date or Received date to ISO-8601 UTC, or null when it cannot be read. Pure. */
export function parseMailDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = stripComments(value);
  const m = RFC5322_DATE.exec(text);
  if (m) {
    const [, day, monthName, yearText, hour, minute, second, zone] = m;
    const month = MONTHS.indexOf((monthName ?? '').slice(0, 3).toLowerCase());
    let year = Number(yearText);
    // Two-digit years (RFC 5322 §4.3): 00–49 are 2000s, 50–99 the 1900s.
    if (yearText && yearText.length <= 2) year += year < 50 ? 2000 : 1900;
    if (month >= 0) {
      const local = Date.UTC(year, month, Number(day), Number(hour), Number(minute), Number(second ?? 0));
      const ms = local - zoneOffsetMinutes(zone) * 60_000;
      return plausible(ms) ? new Date(ms).toISOString() : null;
    }
  }
  // ISO-8601 written by some gateways and scripts; only accepted when it states its zone.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const ms = Date.parse(text);
    return plausible(ms) ? new Date(ms).toISOString() : null;
  }
  return null;
}

/**
 * When the message reached us: the newest date among the `Received:` headers. Each header ends in
 * `; date-time` (RFC 5322 §3.6.7), so the date is the part after the last semicolon.
 */
export function newestReceivedAt(receivedHeaders: readonly string[]): string | null {
  let newest: string | null = null;
  for (const header of receivedHeaders) {
    const semicolon = header.lastIndexOf(';');
    if (semicolon < 0) continue;
    const iso = parseMailDate(header.slice(semicolon + 1));
    if (iso && (newest === null || iso > newest)) newest = iso;
  }
  return newest;
}

/**
 * The time a mail counts as received for deadlines and for "the latest wins": our server's
 * `Received:` stamp, else the sender's `Date:`, else what the mailbox knows (its INTERNALDATE,
 * then when we stored it). Every stage and command takes the time from here.
 */
export function arrivalTime(dates: { receivedAt: string | null; sentAt: string | null }, ...mailboxTimes: (string | null)[]): string | null {
  return [dates.receivedAt, dates.sentAt, ...mailboxTimes].find((t): t is string => Boolean(t)) ?? null;
}
