/**
 * The watch loop sleeps here between rounds. Anything that wants a round sooner (an EXISTS
 * announced during IDLE, a full batch, `runRoundNow`, a lost connection, stop) calls `signal`;
 * a signal that arrives while the loop is busy is kept, so it is never lost.
 */
export interface Wakeup {
  signal(): void;
  /** Resolves after `ms`, or at once when signalled (now or earlier). */
  wait(ms: number): Promise<void>;
}

export function createWakeup(): Wakeup {
  let pending = false;
  let wake: (() => void) | null = null;
  return {
    signal() {
      pending = true;
      wake?.();
    },
    async wait(ms) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms);
          function done(): void {
            clearTimeout(timer);
            wake = null;
            resolve();
          }
          wake = done;
        });
      }
      pending = false;
    },
  };
}
