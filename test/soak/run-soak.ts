/**
 * One soak run: start the services and the worker processes, stream the season's trials into the
 * mailbox while injecting the planned faults, let the worker drain, then judge the run from the
 * store, the mailbox and the SMTP capture. Same seed, same mails and same fault plan; the worker's
 * own timing is not replayed, so a replay reproduces the campaign, not every interleaving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCampaignConfig } from '../../src/config/load-config.js';
import { shanghaiDate } from '../../src/domain/time/shanghai-time.js';
import { runWorkerCommand } from '../support/run-worker.js';
import { startFleet } from './fleet.js';
import { FAULT_KINDS, formatCounts, planFaults, type FaultKind } from './faults.js';
import { parseDigestFigures, recountFigures, staleCurrentVersions } from './figures.js';
import { inject, inspectSendWindows, type SendWindows } from './inject.js';
import { openObserver, readCaptured, TAKEN_KEYWORD, type Observer } from './observe.js';
import { createRng } from './rng.js';
import { makeSeason } from './season.js';
import { startSoakServices, type SoakServices } from './services.js';
import { judgeRun, type Finding } from './verdict.js';
import { waitUntilSettled } from './settle.js';

export interface SoakOptions {
  trials: number;
  seed: number;
  engine: 'sqlite' | 'postgres';
  processes: number;
  /** Chance that a trial carries a fault. */
  faultRate?: number;
  gapMs?: readonly [number, number];
  /** How long to wait for the worker to finish after the last trial. */
  drainMs?: number;
  /** How replies go out (default `send`: over SMTP, where a double or a loss can happen). */
  replies?: 'send' | 'draft';
  /** Fault kinds to draw from (default: every kind this machine can inject). */
  kinds?: readonly FaultKind[];
  log?: (line: string) => void;
}

export interface SoakResult {
  trials: number;
  mails: number;
  faults: Map<string, number>;
  findings: Finding[];
  /** The findings that fail the run (lost, doubled, wrong). */
  failures: Finding[];
  windows: SendWindows;
  skipped: string[];
  seconds: number;
  line: string;
  logDir: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** HH:MM in Asia/Shanghai, `minutes` from now (rounded up to the next whole minute). */
function shanghaiClock(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const rng = createRng(opts.seed);
  const gapMs = opts.gapMs ?? [1500, 5000];
  const trials = await makeSeason(opts.trials, opts.seed, rng.fork('season'));
  const mails = trials.flatMap((t) => t.mails);
  // The clock passes the digest hour about a third into the stream (at least two minutes in).
  const expectedMs = opts.trials * ((gapMs[0] + gapMs[1]) / 2 + 1500);
  const digestAt = new Date(Math.ceil((Date.now() + Math.max(120_000, expectedMs / 3)) / 60_000) * 60_000);
  const services = await startSoakServices({ engine: opts.engine, digestTime: shanghaiClock(digestAt), blobFsMb: 512, replies: opts.replies ?? 'send' });
  // Read once now: the verdict at the end must not depend on the run's temp folders still being readable.
  const units = loadCampaignConfig(services.worker.configDir).units.map((u) => u.name);
  const kinds = (opts.kinds ?? FAULT_KINDS).filter((k) => (k !== 'pg-restart' || services.postgres) && (k !== 'blob-full' || services.blobFs));
  const plan = planFaults({ trials: opts.trials, processes: opts.processes, faultRate: opts.faultRate ?? 0.4, gapMs, kinds }, rng.fork('faults'));
  // Worker logs outlive the run's temp dirs: a failing seed is read and replayed from them.
  const logDir = path.join(os.tmpdir(), 'inbox-soak', `seed-${opts.seed}-${opts.engine}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(logDir, { recursive: true });
  log(`soak: seed ${opts.seed}, ${opts.trials} trials (${mails.length} mails), ${opts.engine}, ${opts.processes} process(es), digest at ${shanghaiClock(digestAt)} Asia/Shanghai; logs in ${logDir}`);

  const faults = new Map<string, number>();
  const count = (kind: string) => faults.set(kind, (faults.get(kind) ?? 0) + 1);
  const windows: SendWindows = { beforeSmtp: [], beforeSentCopy: [], afterSentCopy: [] };
  // Every process takes jobs, whatever the cores: the soak is after the races between them.
  const fleet = startFleet(opts.processes, { ...services.worker.env, JOB_PROCESSES_PER_MACHINE: String(opts.processes) }, logDir, {
    // A fault point killed its process: look at the send it died in before it comes back.
    onExit: async () => {
      if (observer) await inspectSendWindows(services, observer, windows);
    },
  });
  let observer: Awaited<ReturnType<typeof openObserver>> | null = null;
  try {
    observer = await openObserver(services);
    const ctx = { services, fleet, observer, windows, count };
    for (const [i, trial] of trials.entries()) {
      const p = plan[i]!;
      const cutting = p.fault?.kind === 'imap-cut-fetch' ? services.imapProxy.cutNextFetch(10_000).then((hit) => hit && count('imap-cut-fetch')) : null;
      const delivering = (async () => {
        for (const [j, mail] of trial.mails.entries()) {
          if (j > 0) await sleep(p.followUpMs);
          await services.dovecot.append(services.user, 'INBOX', mail.raw).catch(async () => {
            // Dovecot may be restarting (our own fault): deliver once it is back.
            await sleep(5000);
            await services.dovecot.append(services.user, 'INBOX', mail.raw);
          });
        }
      })();
      if (p.fault && p.fault.kind !== 'imap-cut-fetch') {
        await sleep(p.fault.delayMs);
        await inject(p.fault, ctx);
      }
      await delivering;
      await cutting;
      if ((i + 1) % 10 === 0) log(`  trial ${i + 1}/${trials.length}: ${formatCounts(faults)}`);
      await sleep(p.gapMs);
    }
    if (Date.now() < digestAt.getTime()) await sleep(digestAt.getTime() - Date.now());
    count('digest-hour');
    log('soak: all trials delivered; waiting for the worker to settle');
    const settled = await waitUntilSettled(observer, services, mails, { timeoutMs: opts.drainMs ?? 6 * 60_000, digestDay: shanghaiDate(digestAt) });
    log(`soak: ${settled ? 'settled' : 'did not settle before the drain deadline'}`);

    const env = services.worker.env;
    const digestText = await runWorkerCommand(['digest'], env).catch((err: Error) => `digest failed: ${err.message}`);
    const failedJobs = await Promise.all(Object.entries(observer.queues).map(async ([name, q]) => (await q.getFailed(0, -1)).map((j) => `${name}/${j.id}`))).then((l) => l.flat()).catch(() => null);
    const findings = await judgeRun({
      mails,
      store: observer.store,
      captured: services.smtp.messages,
      marked: await observer.folderIds('INBOX', TAKEN_KEYWORD),
      drafts: await observer.folderThreads('Drafts'),
      digestDays: [shanghaiDate(digestAt)],
      digestFigures: parseDigestFigures(digestText),
      recount: await recountFigures(observer.store, units),
      failedJobs,
    });
    for (const stale of await staleCurrentVersions(observer.store)) findings.push({ verdict: 'wrong', what: `a submission's current version is not its latest: ${stale}` });
    if (!settled) findings.push({ verdict: 'wrong', what: `the worker did not settle within ${Math.round((opts.drainMs ?? 360_000) / 60_000)} minutes after the last trial` });
    const unexpected = fleet.unexpectedExits.filter((e) => !e.fault);
    for (const e of unexpected) findings.push({ verdict: 'wrong', what: `worker ${e.index} exited by itself (code ${e.code}, signal ${e.signal}); see ${logDir}` });
    const tally = (v: Finding['verdict']) => findings.filter((f) => f.verdict === v).length;
    const seconds = Math.round((Date.now() - started) / 1000);
    const line = `soak seed=${opts.seed} db=${opts.engine} processes=${opts.processes} replies=${opts.replies ?? 'send'}: trials=${opts.trials} mails=${mails.length} faults: ${formatCounts(faults)} | lost=${tally('lost')} doubled=${tally('doubled')} wrong=${tally('wrong')} (told by an incident instead: ${tally('told')}) | send window: ${await windowOutcomes(observer, services, windows)} | smtp refused ${services.smtp.rejected.length}, hung ${services.smtp.hung.length}, imap cuts ${services.imapProxy.cuts} | ${seconds}s`;
    const failures = findings.filter((f) => f.verdict !== 'told');
    return { trials: opts.trials, mails: mails.length, faults, findings, failures, windows, skipped: services.skipped, seconds, line, logDir };
  } finally {
    await fleet.stop();
    await observer?.close().catch(() => undefined);
    if (process.env.SOAK_KEEP !== '1') await services.stop();
  }
}

/**
 * How often a kill landed inside a send, and how each such send ended: its final outbox status
 * and how many times it reached the SMTP server (never more than once, or the verdict fails).
 */
async function windowOutcomes(observer: Observer, services: SoakServices, windows: SendWindows): Promise<string> {
  const captured = new Map<string, number>();
  for (const m of services.smtp.messages) {
    const id = readCaptured(m).messageId;
    if (id) captured.set(id, (captured.get(id) ?? 0) + 1);
  }
  const rows = await observer.store.db.selectFrom('outbox').select(['message_id', 'status']).execute();
  const status = new Map(rows.map((r) => [r.message_id, r.status]));
  const ended = (ids: readonly string[]) => {
    const tally = new Map<string, number>();
    for (const id of ids) {
      const key = `${status.get(id) ?? 'gone'} (at SMTP ${captured.get(id) ?? 0}×)`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    return tally.size === 0 ? '' : ` → ${[...tally].map(([k, n]) => `${n} ${k}`).join(', ')}`;
  };
  return `killed after SMTP accepted, before the record and the Sent copy ${windows.beforeSentCopy.length}${ended(windows.beforeSentCopy)}; killed sending, before SMTP accepted ${windows.beforeSmtp.length}${ended(windows.beforeSmtp)}; unrecorded but copied to Sent ${windows.afterSentCopy.length}${ended(windows.afterSentCopy)}`;
}
