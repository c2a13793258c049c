/**
 * /readyz: is this worker able to do its job right now? Four checks — the database answers,
 * Redis answers, intake had a good round within the stall threshold, the SMTP server accepts our
 * login (asked at most once a minute: a login per probe would be rude to the mail server). Each
 * failing check says since when it has failed, so an operator can tell a blip from an outage.
 */
import type { Readiness } from '../adapters/http/http-server.js';

export interface CheckResult {
  ok: boolean;
  /** ISO-8601: when this check was first seen failing (or, for intake, the last good round). */
  since?: string;
  error?: string;
}

export interface ReadinessDeps {
  pingDatabase(): Promise<void>;
  pingRedis(): Promise<void>;
  /** Last good intake round and the latest round error, over every watched folder. */
  intake(): Promise<{ lastGoodRound: string | null; lastError: string | null }>;
  verifySmtp(): Promise<void>;
  stallAfterMs: number;
  /** When this process started: before a first round, intake is given the stall threshold to begin. */
  startedAt: Date;
  now(): Date;
}

const SMTP_EVERY_MS = 60_000;
/** A probe must answer quickly; a slower server is reported with its previous result. */
const PROBE_WAIT_MS = 3_000;

export function createReadiness(deps: ReadinessDeps): () => Promise<Readiness> {
  const failingSince = new Map<string, string>();
  let smtp: { at: number; result: CheckResult } | null = null;
  let smtpInFlight: Promise<void> | null = null;

  const track = (name: string, ok: boolean, error?: string): CheckResult => {
    if (ok) {
      failingSince.delete(name);
      return { ok: true };
    }
    const since = failingSince.get(name) ?? deps.now().toISOString();
    failingSince.set(name, since);
    return { ok: false, since, ...(error ? { error } : {}) };
  };
  const probe = async (name: string, run: () => Promise<void>): Promise<CheckResult> => {
    const outcome = await withTimeout(run(), PROBE_WAIT_MS).then(
      (done) => (done ? { ok: true } : { ok: false, error: `no answer within ${PROBE_WAIT_MS} ms` }),
      (err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return track(name, outcome.ok, outcome.error);
  };

  async function intakeCheck(): Promise<CheckResult> {
    const { lastGoodRound, lastError } = await deps.intake();
    const now = deps.now().getTime();
    const from = lastGoodRound ?? deps.startedAt.toISOString();
    if (now - Date.parse(from) < deps.stallAfterMs) return { ok: true };
    const minutes = Math.round(deps.stallAfterMs / 6000) / 10;
    const what = lastGoodRound ? `no good intake round for more than ${minutes} min` : `no good intake round since the worker started`;
    return { ok: false, since: from, error: lastError ? `${what}; last error: ${lastError}` : what };
  }

  async function smtpCheck(): Promise<CheckResult> {
    if (!smtpInFlight && (!smtp || deps.now().getTime() - smtp.at >= SMTP_EVERY_MS)) {
      smtpInFlight = deps
        .verifySmtp()
        .then(
          () => track('smtp', true),
          (err: unknown) => track('smtp', false, err instanceof Error ? err.message : String(err)),
        )
        .then((result) => void (smtp = { at: deps.now().getTime(), result }))
        .finally(() => (smtpInFlight = null));
    }
    if (smtpInFlight) await withTimeout(smtpInFlight, PROBE_WAIT_MS);
    return smtp?.result ?? { ok: true, error: 'first check still running' };
  }

  return async () => {
    const [database, redis, imap, smtpResult] = await Promise.all([
      probe('database', deps.pingDatabase),
      probe('redis', deps.pingRedis),
      intakeCheck().catch((err: unknown) => track('imap', false, `could not read the intake state: ${String(err)}`)),
      smtpCheck(),
    ]);
    const checks = { database, redis, imap, smtp: smtpResult };
    const failed = Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name);
    return { ready: failed.length === 0, body: { status: failed.length === 0 ? 'ready' : 'not_ready', failed, checks, at: deps.now().toISOString() } };
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([p.then(() => true), late]).finally(() => clearTimeout(timer));
}
