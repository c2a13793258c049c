/**
 * One end-to-end scenario, once: worker process(es) started on an empty folder of a real Dovecot,
 * with Redis and an SMTP capture; when every process is ready, `mails` submissions are APPENDed
 * one after another (throughput phase), then `latencyMails` one at a time, each after the
 * previous reply (latency phase). Beside the latency, a bare imapflow client idling on the same
 * folder records when Dovecot itself announces each mail: the server's own notification delay.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DovecotServer } from '../../test/harness/dovecot.js';
import type { SmtpCapture } from '../../test/harness/smtp-capture.js';
import { spawnWorker, waitFor, type RunningWorker } from '../../test/support/run-worker.js';
import { createWorkerEnv } from '../../test/support/worker-env.js';
import { defaultSeats } from '../../src/adapters/redis/job-seat.js';
import { median } from '../measure.js';
import { answeredMessageId, benchMails, type BenchMail } from './e2e-mails.js';
import { hostCpuMs, loadAverage, processCpuMs, processPreemptions, serviceCpuMs, type HostCpu, type Service } from './proc-cpu.js';

export interface ScenarioSpec {
  name: string;
  engine: 'sqlite' | 'postgres';
  /** The roles of each worker process (`start --only …`). */
  processes: string[][];
  /** PostgreSQL reached over its Unix socket on this machine (run-e2e.ts `--pg-socket`) instead of `--pg`'s TCP address. */
  pgOverSocket?: boolean;
}

export interface ScenarioServices {
  dovecot: DovecotServer;
  redisUrl: string;
  smtp: SmtpCapture;
  pgUrl: string;
  forms: Map<string, Buffer>;
}

export interface ScenarioResult {
  steadyPerSecond: number;
  /** CPU per mail of the measured mails, delivered once the warm-up mails are answered. */
  cpuMsPerMail: number;
  /** CPU per mail of the warm-up mails, from start-up idle on: what a freshly started worker spends. */
  coldCpuMsPerMail: number;
  /** Times per mail a thread of the worker's processes was switched out while it could run (proc-cpu.ts, `processPreemptions`). */
  preemptionsPerMail: number;
  /** CPU ms per mail of each process, by its roles (the per-stage split when one role each). */
  cpuByProcess: { roles: string; msPerMail: number }[];
  /** CPU per mail of the servers on this machine over the same phase: PostgreSQL, Dovecot, Redis. */
  serviceCpuMsPerMail: Record<Service, number>;
  /** CPU per mail of the bench's own process over the same phase: the APPENDs, the SMTP capture, the polling. */
  benchCpuMsPerMail: number;
  /**
   * The whole machine over the steady window (the same replies as `steadyPerSecond`): the share
   * of all cores that ran anything, and the share the hypervisor gave to other guests. A host
   * busy at b can answer at most 1/b times as fast with more processes, at the same CPU per mail.
   */
  host: { busyShare: number; stealShare: number };
  /** CPU per mail that the host spent beyond the worker, the servers and the bench: the kernel's own threads (writeback), other tenants. */
  otherCpuMsPerMail: number;
  latency: { p50: number; p95: number };
  notice: { p50: number; p95: number };
  retriedJobs: number;
  /**
   * Where the measured mails spent their time, by queue: how long a job waited before a worker
   * took it and how long it then ran (wall time, medians; BullMQ's own stamps). A stage whose jobs
   * wait is the one the mail queues at.
   */
  queueTimes: { queue: string; waitMs: number; runMs: number }[];
  /** Mails that did not get exactly one reply. */
  wrongReplyCounts: number;
  load: string;
}

const QUEUES = ['ingest', 'validate', 'reply'];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

export interface ScenarioOptions {
  mails: number;
  warmupMails: number;
  latencyMails: number;
  profileDir?: string;
  entry?: string;
  /** Project whose config/ the worker is given (an older tree for `--against`). @defaultValue this checkout */
  configFrom?: string;
  nodeFlags?: string[];
  /**
   * JOB_PROCESSES_PER_MACHINE for the workers: how many of the scenario's processes take jobs
   * (src/adapters/redis/job-seat.ts). @defaultValue the worker's own: one per two cores
   */
  jobSeats?: number;
  /**
   * Where a run leaves the removal of its files (data folder, mail folder, database) for the end of
   * the bench. This machine's disk is ext4 without a journal, and there ext4 passes over every
   * inode freed in the last 60–360 s, one by one, before it hands out a new one: removing a
   * run's thousands of files just before the next run made each file that run created cost
   * ~0.6–0.8 ms of kernel CPU instead of ~0.2 (bench/README.md, the second 6 December section, "What changed in the bench").
   */
  leftovers?: (() => Promise<void>)[];
}

export async function runScenario(spec: ScenarioSpec, s: ScenarioServices, o: ScenarioOptions): Promise<ScenarioResult> {
  const tag = `${spec.name}-${randomBytes(3).toString('hex')}`;
  const folder = `Bench-${tag}`;
  const user = s.dovecot.users[0]!.user;
  await s.dovecot.createFolder(user, folder);
  // A database of the run's own rather than a schema: an older tree run by `--against` may not
  // know how to migrate into a schema other than public.
  const database = `bench_${randomBytes(5).toString('hex')}`;
  if (spec.engine === 'postgres') await pgQuery(s.pgUrl, `CREATE DATABASE ${database}`);
  const databaseUrl = spec.engine === 'postgres' ? inDatabase(s.pgUrl, database) : undefined;
  const w = createWorkerEnv(`bench-${spec.name}`, {
    dovecot: s.dovecot,
    redisUrl: s.redisUrl,
    folder,
    campaign: { allowedSenderDomains: ['example.edu.cn'] },
    extraEnv: { SMTP_HOST: s.smtp.host, SMTP_PORT: String(s.smtp.port), SMTP_SECURE: 'false', LOG_LEVEL: 'info', WATCH_POLL_SECONDS: '30', ...(o.jobSeats ? { JOB_PROCESSES_PER_MACHINE: String(o.jobSeats) } : {}) },
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(o.configFrom ? { configFrom: o.configFrom } : {}),
  });
  const redis = new Redis(s.redisUrl);
  const workers: RunningWorker[] = [];
  const nodeArgs = [...(o.nodeFlags ?? []), ...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [])];
  try {
    const warmup = await benchMails(s.forms, o.warmupMails, `${tag}-w`);
    const mails = await benchMails(s.forms, o.mails, `${tag}-t`);
    const latencyMails = await benchMails(s.forms, o.latencyMails, `${tag}-l`);
    // The first process migrates the store; the others start once it has.
    workers.push(spawnWorker(['start', '--only', spec.processes[0]!.join(',')], w.env, nodeArgs, o.entry));
    const seats = o.jobSeats ?? defaultSeats(os.availableParallelism());
    await waitReady(redis, w.prefix, spec.processes.slice(0, 1), seats, workers);
    for (const roles of spec.processes.slice(1)) workers.push(spawnWorker(['start', '--only', roles.join(',')], w.env, nodeArgs, o.entry));
    await waitReady(redis, w.prefix, spec.processes, seats, workers);
    await settled(workers);
    const cpuOfAll = () => workers.map((p) => processCpuMs(p.child.pid!));
    const cpuAtIdle = cpuOfAll();

    // Warm-up: a worker runs for weeks, so the figures are taken once V8 has compiled its hot
    // paths (a fresh worker spends about twice the CPU on its first few hundred mails). What the
    // warm-up mails cost is reported beside, as the cold figure.
    await deliverAll(s, user, folder, warmup);
    await waitForReplies(s.smtp, new Set(warmup.map((m) => m.messageId)), workers);
    await settled(workers);
    const cpuAtStart = cpuOfAll();
    const preemptedAtStart = sum(workers.map((p) => processPreemptions(p.child.pid!)));
    const servicesAtStart = serviceCpuMs();
    const benchAtStart = process.cpuUsage();
    const hostSamples = sampleHostCpu();
    const phaseStart = Date.now();
    const fromUs = monotonicUs();
    const coldCpuMsPerMail = warmup.length === 0 ? NaN : sum(cpuAtStart) - sum(cpuAtIdle) > 0 ? (sum(cpuAtStart) - sum(cpuAtIdle)) / warmup.length : NaN;

    // Throughput: every mail delivered as fast as one IMAP connection appends them.
    await deliverAll(s, user, folder, mails);
    const ids = new Set(mails.map((m) => m.messageId));
    const replyTimes = await waitForReplies(s.smtp, ids, workers);
    const cpuAtEnd = cpuOfAll();
    const preemptedAtEnd = sum(workers.map((p) => processPreemptions(p.child.pid!)));
    const servicesAtEnd = serviceCpuMs();
    const benchCpu = process.cpuUsage(benchAtStart);
    const samples = hostSamples.stop();
    const phaseEnd = Date.now();
    // V8 stamps profile samples with the same monotonic clock: profile-summary.ts counts this window only.
    if (o.profileDir) {
      fs.mkdirSync(o.profileDir, { recursive: true });
      fs.writeFileSync(path.join(o.profileDir, `window-${tag}.json`), JSON.stringify({ fromUs, toUs: monotonicUs() }));
    }
    const t = replyTimes.sort((a, b) => a - b);
    const lo = Math.floor(0.1 * t.length);
    const hi = Math.max(lo + 1, Math.floor(0.9 * t.length) - 1);
    const steadyPerSecond = ((hi - lo) * 1000) / Math.max(1, t[hi]! - t[lo]!);
    const cpuByProcess = workers.map((_, i) => ({ roles: spec.processes[i]!.join('+'), msPerMail: (cpuAtEnd[i]! - cpuAtStart[i]!) / mails.length }));
    const serviceCpuMsPerMail = {
      postgres: (servicesAtEnd.postgres - servicesAtStart.postgres) / mails.length,
      dovecot: (servicesAtEnd.dovecot - servicesAtStart.dovecot) / mails.length,
      redis: (servicesAtEnd.redis - servicesAtStart.redis) / mails.length,
    };
    const benchCpuMsPerMail = (benchCpu.user + benchCpu.system) / 1000 / mails.length;
    const whole = hostDelta(samples[0]!, samples.at(-1)!);
    const accounted = sum(cpuByProcess.map((p) => p.msPerMail)) + sum(Object.values(serviceCpuMsPerMail)) + benchCpuMsPerMail;

    const { latency, notice } = await latencyPhase(s, user, folder, latencyMails, workers);
    for (const p of workers) p.child.kill('SIGTERM');
    await Promise.all(workers.map((p) => p.exited));

    return {
      steadyPerSecond,
      cpuMsPerMail: cpuByProcess.reduce((a, b) => a + b.msPerMail, 0),
      coldCpuMsPerMail,
      preemptionsPerMail: (preemptedAtEnd - preemptedAtStart) / mails.length,
      cpuByProcess,
      serviceCpuMsPerMail,
      benchCpuMsPerMail,
      host: hostShares(steadyWindow(samples, t[lo]!, t[hi]!) ?? [samples[0]!, samples.at(-1)!]),
      otherCpuMsPerMail: whole.busy / mails.length - accounted,
      latency,
      notice,
      ...(await jobFigures(s.redisUrl, w.prefix, { from: phaseStart, to: phaseEnd })),
      wrongReplyCounts: wrongReplyCounts(s.smtp, [...warmup, ...mails, ...latencyMails]),
      load: loadAverage(),
    };
  } finally {
    for (const p of workers) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    const keys = await redis.keys(`${w.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    const removeFiles = async () => {
      if (spec.engine === 'postgres') await pgQuery(s.pgUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await s.dovecot.deleteFolder(user, folder).catch(() => undefined);
      w.dispose();
    };
    if (o.leftovers) o.leftovers.push(removeFiles);
    else await removeFiles();
  }
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

interface HostSample { at: number; cpu: HostCpu }

/** The machine's CPU read every 200 ms until stopped (and once more then), stamped like the replies (Date.now). */
function sampleHostCpu(): { stop(): HostSample[] } {
  const samples: HostSample[] = [];
  const take = () => samples.push({ at: Date.now(), cpu: hostCpuMs() });
  take();
  const timer = setInterval(take, 200).unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

const hostDelta = (a: HostSample, b: HostSample): HostCpu => ({ busy: b.cpu.busy - a.cpu.busy, steal: b.cpu.steal - a.cpu.steal, total: b.cpu.total - a.cpu.total });

/** The first sample from the window's start and the last up to its end, if the window holds a second of samples. */
function steadyWindow(samples: HostSample[], from: number, to: number): [HostSample, HostSample] | undefined {
  const inside = samples.filter((x) => x.at >= from && x.at <= to);
  return inside.length >= 2 && inside.at(-1)!.at - inside[0]!.at >= 1000 ? [inside[0]!, inside.at(-1)!] : undefined;
}

function hostShares([a, b]: [HostSample, HostSample]): { busyShare: number; stealShare: number } {
  const d = hostDelta(a, b);
  return { busyShare: d.total > 0 ? d.busy / d.total : NaN, stealShare: d.total > 0 ? d.steal / d.total : NaN };
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every mail APPENDed as fast as one IMAP connection does it. */
async function deliverAll(s: ScenarioServices, user: string, folder: string, mails: BenchMail[]): Promise<void> {
  if (mails.length === 0) return;
  await s.dovecot.withClient(user, async (client) => {
    for (const m of mails) await client.append(folder, m.raw);
  });
}

/**
 * Every process's queue workers registered in Redis, as many as there are job seats for them
 * (the others stand by), and the mailbox lock taken by a watcher.
 */
async function waitReady(redis: Redis, prefix: string, processes: string[][], seats: number, workers: RunningWorker[]): Promise<void> {
  // BullMQ leaves a connection it was handed open on close(): each is ended below.
  const connections = QUEUES.map(() => redis.duplicate());
  const queues = QUEUES.map((name, i) => new Queue(name, { connection: connections[i]!, prefix }));
  try {
    await waitFor('worker processes ready', async () => {
      const dead = workers.find((p) => p.child.exitCode !== null);
      if (dead) throw new Error(`a worker exited:\n${dead.stderr().slice(-2000)}`);
      for (const [i, name] of QUEUES.entries()) {
        const expected = Math.min(seats, processes.filter((roles) => roles.includes(name)).length);
        if ((await queues[i]!.getWorkers()).length < expected) return false;
      }
      return !processes.some((r) => r.includes('watcher')) || (await redis.keys(`${prefix}:watcher:*`)).length > 0;
    }, 120_000, 100);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    for (const c of connections) c.disconnect();
  }
}

async function waitForReplies(smtp: SmtpCapture, ids: Set<string>, workers: RunningWorker[]): Promise<number[]> {
  const times = new Map<string, number>();
  let scanned = 0;
  await waitFor(`${ids.size} replies`, async () => {
    for (; scanned < smtp.messages.length; scanned++) {
      const m = smtp.messages[scanned]!;
      const id = answeredMessageId(m.raw);
      if (id && ids.has(id) && !times.has(id)) times.set(id, Date.parse(m.receivedAt));
    }
    const dead = workers.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`a worker exited:\n${dead.stderr().slice(-2000)}`);
    return times.size >= ids.size;
  }, 60_000 + ids.size * 1_000, 20);
  return [...times.values()];
}

async function latencyPhase(s: ScenarioServices, user: string, folder: string, mails: BenchMail[], workers: RunningWorker[]) {
  const watcher = new ImapFlow({ ...imapOf(s.dovecot, user), logger: false });
  const noticed: number[] = [];
  watcher.on('exists', () => noticed.push(Date.now()));
  await watcher.connect();
  const lock = await watcher.getMailboxLock(folder);
  lock.release();
  void watcher.idle().catch(() => undefined);
  const latency: number[] = [];
  const notice: number[] = [];
  try {
    await s.dovecot.withClient(user, async (client) => {
      for (const m of mails) {
        await new Promise((r) => setTimeout(r, 200));
        const before = noticed.length;
        await client.append(folder, m.raw);
        const delivered = Date.now();
        const [at] = await waitForReplies(s.smtp, new Set([m.messageId]), workers);
        latency.push(at! - delivered);
        if (noticed.length > before) notice.push(noticed[before]! - delivered);
      }
    });
  } finally {
    await watcher.logout().catch(() => undefined);
  }
  return {
    latency: { p50: median(latency), p95: percentile(latency, 0.95) },
    notice: notice.length > 0 ? { p50: median(notice), p95: percentile(notice, 0.95) } : { p50: NaN, p95: NaN },
  };
}

function imapOf(dovecot: DovecotServer, user: string) {
  const e = dovecot.imapEnv(user);
  return { host: e.host, port: e.port, secure: false, auth: { user: e.user, pass: e.pass } };
}

/**
 * From the jobs of the ingest, validate and reply queues: how many failed at least once (a stack
 * trace recorded), and the median wait and run of the finished ones added within the measured phase.
 */
async function jobFigures(redisUrl: string, prefix: string, measured: { from: number; to: number }): Promise<Pick<ScenarioResult, 'retriedJobs' | 'queueTimes'>> {
  let retriedJobs = 0;
  const queueTimes: ScenarioResult['queueTimes'] = [];
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
    try {
      const jobs = await queue.getJobs(['completed', 'failed', 'delayed', 'wait', 'active']);
      retriedJobs += jobs.filter((j) => (j.stacktrace ?? []).length > 0 || j.failedReason).length;
      const done = jobs.filter((j) => j.finishedOn && j.processedOn && j.timestamp >= measured.from && j.timestamp <= measured.to);
      queueTimes.push({ queue: name, waitMs: median(done.map((j) => j.processedOn! - j.timestamp)), runMs: median(done.map((j) => j.finishedOn! - j.processedOn!)) });
    } finally {
      await queue.close();
    }
  }
  return { retriedJobs, queueTimes };
}

function wrongReplyCounts(smtp: SmtpCapture, mails: BenchMail[]): number {
  const counts = new Map(mails.map((m) => [m.messageId, 0]));
  for (const m of smtp.messages) {
    const id = answeredMessageId(m.raw);
    if (id && counts.has(id)) counts.set(id, counts.get(id)! + 1);
  }
  return [...counts.values()].filter((n) => n !== 1).length;
}

function inDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function pgQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Three seconds of one process tree's CPU up to this is idling (timers, lease renewals, queue
 * polls), not start-up: a worker idles at ~3 ms a second here, and /proc counts CPU in 10 ms
 * ticks. A process still starting spends 20 ms a second and more.
 */
const IDLE_CPU_MS_PER_WINDOW = 20;
const IDLE_WINDOW_MS = 3_000;

/**
 * Waits until every worker's process tree idles, so that what each still does to start is not
 * counted as work per mail: a reading process loading exceljs (~0.5 s of CPU, after the worker
 * reports ready), and V8 compiling and collecting behind a process that has just started (a
 * standby process spent 20–25 ms a second for its first ~20 s, then ~3). At most 60 s.
 */
async function settled(workers: RunningWorker[]): Promise<void> {
  const each = () => workers.map((p) => processCpuMs(p.child.pid!));
  const deadline = Date.now() + 60_000;
  let before = each();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
    const now = each();
    if (now.every((ms, i) => ms - before[i]! <= IDLE_CPU_MS_PER_WINDOW)) return;
    before = now;
  }
}
