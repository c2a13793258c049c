/**
 * Calendar arithmetic in Asia/Shanghai, where every deadline of the campaign lives. China has
 * kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs no tz data.
 * This is the only module that knows the offset: every other file asks it.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function shifted(instant: Date | string): Date {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + OFFSET_MS);
}

/** `YYYY-MM-DD` of the Shanghai calendar day that contains the instant. */
export function shanghaiDate(instant: Date | string): string {
  return shifted(instant).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM` in Shanghai time; a string that is not a readable time is returned as given. */
export function shanghaiDateTime(instant: Date | string): string {
  const wall = shifted(instant);
  if (Number.isNaN(wall.getTime())) return typeof instant === 'string' ? instant : '';
  return wall.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The instant as a Date whose UTC fields read as Shanghai wall-clock time, for writers that
 * show a Date's UTC fields (exceljs); null when the input is not a readable time.
 */
export function shanghaiWallClock(instant: Date | string): Date | null {
  const wall = shifted(instant);
  return Number.isNaN(wall.getTime()) ? null : wall;
}

/** 00:00 in Shanghai on a `YYYY-MM-DD` day. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The last millisecond of a `YYYY-MM-DD` day in Shanghai: "before 5 May" means through this. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1 - OFFSET_MS);
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date N calendar days before a `YYYY-MM-DD` date. */
export function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** `11月24日` from `YYYY-MM-DD`. */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** `2025年5月6日（星期二）` from `YYYY-MM-DD`. */
export function fullDate(date: string): string {
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  return `${date.slice(0, 4)}年${monthDay(date)}（星期${weekday}）`;
}

/** `5月6日 周二`: a deadline in a few characters, for the places a full date would crowd. */
export function dueDay(date: string): string {
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  return `${monthDay(date)} 周${weekday}`;
}

/** `11月24日 14:05` in Shanghai time, for lists a person scans. */
export function shortDateTime(instant: Date | string): string {
  const text = shanghaiDateTime(instant);
  return `${monthDay(text.slice(0, 10))} ${text.slice(11)}`;
}
