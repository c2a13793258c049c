/**
 * Waits for the worker to finish what the season gave it: every mail stored and past ingest,
 * every submission judged, no outbox row half-sent, no job in hand, the day's digest out. Quiet
 * twice running counts as settled; the deadline ends the wait either way (what is unfinished
 * then is counted lost by the verdict).
 */
import type { Observer } from './observe.js';
import type { SeasonMail } from './season.js';
import type { SoakServices } from './services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function quiet(obs: Observer, mails: readonly SeasonMail[], digestDay: string): Promise<boolean> {
  const db = obs.store.db;
  const rows = await db.selectFrom('messages').select(['id', 'dedupe_key', 'state', 'kind']).execute();
  const keys = new Set(rows.map((r) => r.dedupe_key));
  if (mails.some((m) => !keys.has(`mid:${m.messageId}`))) return false;
  if (rows.some((r) => r.state === 'stored')) return false;
  const judged = new Set((await db.selectFrom('submission_versions').select('message_id').execute()).map((v) => v.message_id));
  if (rows.some((r) => r.kind === 'submission' && r.state === 'ingested' && !judged.has(r.id))) return false;
  const outbox = await db.selectFrom('outbox').select(['status', 'purpose', 'kind', 'subject_key']).execute();
  if (outbox.some((o) => o.status === 'pending' || o.status === 'sending' || o.status === 'drafting')) return false;
  if (!outbox.some((o) => o.purpose === 'digest' && o.kind === 'daily' && o.subject_key === digestDay)) return false;
  return (await obs.jobsInHand()) === 0;
}

export async function waitUntilSettled(obs: Observer, _s: SoakServices, mails: readonly SeasonMail[], opts: { timeoutMs: number; digestDay: string }): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  let streak = 0;
  while (Date.now() < deadline) {
    const ok = await quiet(obs, mails, opts.digestDay).catch(() => false);
    streak = ok ? streak + 1 : 0;
    if (streak >= 2) return true;
    await sleep(2000);
  }
  return false;
}
