/**
 * Deadlines and times as a unit reads them: in Beijing time. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Whether a message received at `receivedAt` (ISO-8601) is after the due date `due` (YYYY-MM-DD):
 * the notice's "before 2025-05-06" is read as through 2025-05-06 23:59:59 +08:00 (FORMS.md).
 */
export function isLate(receivedAt: string, due: string): boolean {
  const received = Date.parse(receivedAt);
  const endOfDue = Date.parse(`${due}T23:59:59.999+08:00`);
  if (Number.isNaN(received) || Number.isNaN(endOfDue)) return false;
  return received > endOfDue;
}

/** `2025-05-07 10:15` in Beijing time; the input as given when it is not a readable time. */
export function formatBeijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
