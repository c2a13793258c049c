/**
 * Timing for the benchmarks: the library's bare rate and ours on the same inputs, back to back,
 * median of several runs. Machines here are noisy (bench/README.md, "Reference ceilings"), so the two sides alternate which
 * goes first and only the ratio is meant to be read.
 */
import { performance } from 'node:perf_hooks';

/** One timed pass over a workload; returns the milliseconds that count (set-up stays outside). */
export type Trial = (run: number) => Promise<number>;

export interface Rates {
  /** Items per second, median of the runs; null when the side was not measured. */
  library: number | null;
  ours: number | null;
}

/** Times `fn` alone. */
export async function elapsedMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs both sides `runs` times after one untimed warm-up each (JIT, lazy requires, first
 * connections), alternating which side goes first, and returns items/s medians.
 */
export async function compareRates(items: number, runs: number, library: Trial, ours: Trial): Promise<Rates> {
  await library(-1);
  await ours(-1);
  const lib: number[] = [];
  const own: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      lib.push(await library(run));
      own.push(await ours(run));
    } else {
      own.push(await ours(run));
      lib.push(await library(run));
    }
  }
  return { library: (items * 1000) / median(lib), ours: (items * 1000) / median(own) };
}

/** Rate of doing one item after another at rates a and b: 1 / (1/a + 1/b). */
export function serialRate(a: number | null, b: number | null): number | null {
  return a && b ? 1 / (1 / a + 1 / b) : null;
}
