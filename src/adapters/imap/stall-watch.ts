/**
 * Tells when intake has been failing for too long. A stall episode starts when no round has
 * succeeded for `stallAfterMs`; it is reported once, and a new one can only start after a
 * successful round. Time comes in as a parameter, so this is pure bookkeeping.
 */
export interface StallInfo {
  /** ISO-8601 time of the last successful round (or of the start, if none succeeded yet). */
  since: string;
  lastError: string | null;
}

export interface StallWatch {
  succeeded(at: Date): void;
  failed(at: Date, error: string): void;
  /** The stall to report now, or null: returns a value once per episode. */
  check(at: Date): StallInfo | null;
}

export function createStallWatch(stallAfterMs: number, startedAt: Date): StallWatch {
  let lastSuccess = startedAt.getTime();
  let lastError: string | null = null;
  let reported = false;

  return {
    succeeded(at) {
      lastSuccess = at.getTime();
      lastError = null;
      reported = false;
    },
    failed(_at, error) {
      lastError = error;
    },
    check(at) {
      if (reported || at.getTime() - lastSuccess < stallAfterMs) return null;
      reported = true;
      return { since: new Date(lastSuccess).toISOString(), lastError };
    },
  };
}
