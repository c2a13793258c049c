/**
 * The faults a soak injects, and the seeded plan of when. Each trial may carry one fault, drawn
 * by weight from the kinds this machine can inject, at a seeded delay after the trial's first
 * mail reaches the mailbox. The clock passing the digest hour is not drawn per trial: the run's
 * campaign sets the digest a few minutes after the start, so the real scheduler fires mid-run.
 */
import type { Rng } from './rng.js';

export const FAULT_KINDS = ['kill', 'kill-after-send', 'redis-wipe', 'dovecot-restart', 'imap-cut-fetch', 'smtp-421', 'smtp-451', 'smtp-550', 'smtp-hang', 'pg-restart', 'blob-full'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const WEIGHTS: Record<FaultKind, number> = {
  kill: 3,
  'kill-after-send': 2,
  'redis-wipe': 1,
  'dovecot-restart': 1,
  'imap-cut-fetch': 2,
  'smtp-421': 1,
  'smtp-451': 1,
  'smtp-550': 1,
  'smtp-hang': 1,
  'pg-restart': 1,
  'blob-full': 1,
};

export interface PlannedFault {
  kind: FaultKind;
  /** After the trial's first mail was appended. */
  delayMs: number;
  /** Which worker process (for kills). */
  process: number;
  /** How long the outage lasts (restarts, full disk, SMTP hang). */
  outageMs: number;
}

export interface TrialPlan {
  /** Pause before the next trial. */
  gapMs: number;
  /** Pause between the mails of one trial (a correction follows its first mail). */
  followUpMs: number;
  fault: PlannedFault | null;
}

export interface PlanOptions {
  trials: number;
  processes: number;
  faultRate: number;
  gapMs: readonly [number, number];
  kinds: readonly FaultKind[];
}

export function planFaults(opts: PlanOptions, rng: Rng): TrialPlan[] {
  const weights = Object.fromEntries(opts.kinds.map((k) => [k, WEIGHTS[k]])) as Record<FaultKind, number>;
  return Array.from({ length: opts.trials }, () => {
    const gapMs = rng.int(opts.gapMs[0], opts.gapMs[1]);
    const followUpMs = rng.int(300, 3000);
    const hasFault = opts.kinds.length > 0 && rng() < opts.faultRate;
    const fault: PlannedFault | null = hasFault ? { kind: rng.weighted(weights), delayMs: rng.int(0, 2500), process: rng.int(0, opts.processes - 1), outageMs: rng.int(500, 4000) } : null;
    return { gapMs, followUpMs, fault };
  });
}

/** `{kill: 3, …}` → `kill=3 redis-wipe=1 …` in the order of FAULT_KINDS. */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  const order = [...FAULT_KINDS, 'digest-hour'] as string[];
  return [...counts.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
}
