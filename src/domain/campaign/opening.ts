/**
 * The call's opening (`opensAt` in campaign.yaml): mail received before it belongs to the
 * coordinator's history, not to the call. Pure; the day is a Shanghai calendar day (UTC+8, no DST).
 */

import { startOfShanghaiDay } from '../time/shanghai-time.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 00:00 Asia/Shanghai on the opening day. */
export function openingInstant(opensAt: string): Date {
  return startOfShanghaiDay(opensAt);
}

/**
 * The date to give IMAP `SEARCH SINCE`. RFC 3501 compares dates "disregarding time and timezone"
 * and servers read INTERNALDATE in their own zone, so the search starts a day early and the exact
 * instant is checked on the fetched INTERNALDATE.
 */
export function searchSinceDate(opening: Date): Date {
  return new Date(opening.getTime() - DAY_MS);
}

/** A mail received (INTERNALDATE, else its Received/Date headers) before the opening; unknown counts as not. */
export function receivedBeforeOpening(receivedAt: string | null | undefined, opening: Date): boolean {
  if (!receivedAt) return false;
  const at = Date.parse(receivedAt);
  return !Number.isNaN(at) && at < opening.getTime();
}
