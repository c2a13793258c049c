/**
 * Reconnect delays: exponential, capped, with "equal jitter" (half fixed, half random) so that
 * several workers cut off by the same outage do not all knock on the server at the same instant.
 */
export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
}

/** Delay before retry number `attempt` (0-based). `random` returns [0, 1), injected for tests. */
export function backoffDelay(attempt: number, { initialMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
