/**
 * The watcher's tuning, validated and defaulted once at construction (a bad value fails at
 * start, not in the middle of the night).
 */
import type { BackoffOptions } from './backoff.js';
import type { MarkOptions } from './types.js';

export interface WatcherOptions {
  /** `idle`: IMAP IDLE (RFC 2177) plus a periodic poll; `poll`: the timer only. */
  mode: 'idle' | 'poll';
  /** Time between rounds when nothing wakes the watcher earlier. @defaultValue 30000 */
  pollIntervalMs?: number;
  /** Messages taken per round at most; a full batch triggers another round soon. @defaultValue 50 */
  batchSize?: number;
  /** No successful round for this long is a stall (logged, `onStall` called). @defaultValue 900000 (15 min) */
  stallAfterMs?: number;
  /** Reconnect delays after a failure. @defaultValue { initialMs: 1000, maxMs: 60000 } */
  backoff?: BackoffOptions;
  /** How often the holder renews the lock and a standby tries to take it. @defaultValue a third of the lock's TTL */
  lockCheckMs?: number;
}

export type ResolvedWatcherOptions = Readonly<Required<WatcherOptions>>;

// RFC 3501 flag-keyword = atom: printable ASCII without SP, "(", ")", "{", "%", "*", '"', "\", "]".
const KEYWORD = /^[!#$&'+-[^-z|}~]+$/;

export function validateWatcherOptions(options: WatcherOptions, mark: MarkOptions, lockTtlMs: number): ResolvedWatcherOptions {
  const resolved = {
    mode: options.mode,
    pollIntervalMs: options.pollIntervalMs ?? 30_000,
    batchSize: options.batchSize ?? 50,
    stallAfterMs: options.stallAfterMs ?? 15 * 60_000,
    backoff: options.backoff ?? { initialMs: 1_000, maxMs: 60_000 },
    lockCheckMs: options.lockCheckMs ?? Math.max(50, Math.floor(lockTtlMs / 3)),
  };
  const problems: string[] = [];
  if (resolved.mode !== 'idle' && resolved.mode !== 'poll') problems.push(`mode must be idle or poll, got ${String(resolved.mode)}`);
  for (const [name, value] of [
    ['pollIntervalMs', resolved.pollIntervalMs],
    ['batchSize', resolved.batchSize],
    ['stallAfterMs', resolved.stallAfterMs],
    ['backoff.initialMs', resolved.backoff.initialMs],
    ['backoff.maxMs', resolved.backoff.maxMs],
    ['lockCheckMs', resolved.lockCheckMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive integer, got ${value}`);
  }
  if (resolved.backoff.maxMs < resolved.backoff.initialMs) problems.push('backoff.maxMs must not be below backoff.initialMs');
  if (resolved.lockCheckMs >= lockTtlMs) problems.push(`lockCheckMs (${resolved.lockCheckMs}) must be shorter than the lock TTL (${lockTtlMs}), or the lock expires between renewals`);
  if (!mark.keyword && !mark.moveTo) problems.push('mark needs a keyword or a moveTo folder: taken messages must be marked');
  if (mark.keyword !== undefined && (!KEYWORD.test(mark.keyword) || mark.keyword.startsWith('\\'))) {
    problems.push(`mark.keyword ${JSON.stringify(mark.keyword)} is not an IMAP keyword (an atom, not a system flag such as \\Seen)`);
  }
  if (problems.length) throw new Error(`mailbox watcher options are not valid:\n  ${problems.join('\n  ')}`);
  return Object.freeze({ ...resolved, backoff: Object.freeze({ ...resolved.backoff }) });
}
