/**
 * Prometheus metrics (prom-client), on a registry of their own (no global one). Names follow
 * Prometheus conventions: `inbox_worker_` prefix, `_total` on counters, base units (`_seconds`).
 * No label ever carries an address, a subject or a Message-ID: labels are a queue, a state, a
 * kind, a deliverable — small fixed sets. docs/operations.md lists every metric.
 *
 * What the store knows (messages, submissions, replies, the last round, the last digest) is read
 * from the store at scrape time, so every process reports the same figures; what only this process
 * knows (job durations, the IMAP connection, alerts it sent) is counted here.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsSources {
  /** Jobs per queue and state, or null when Redis does not answer. */
  jobCounts(): Promise<Record<string, Record<string, number>> | null>;
  messagesByKind(): Promise<Record<string, number>>;
  submissions(): Promise<{ deliverable: string; status: string; count: number }[]>;
  replies(): Promise<{ key: string; count: number }[]>;
  lastGoodRound(): Promise<string | null>;
  lastDigestSent(): Promise<string | null>;
  now(): Date;
}

/** A reply's outbox status as the metric names it. */
const REPLY_OUTCOME: Readonly<Record<string, string>> = { sent: 'sent', failed: 'failed', refused: 'refused', uncertain: 'uncertain' };

export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'inbox_worker_' });

  new Gauge({
    name: 'inbox_worker_jobs',
    help: 'Jobs in each BullMQ queue, by state.',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      const counts = await sources.jobCounts();
      this.reset();
      for (const [queue, states] of Object.entries(counts ?? {})) for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
    },
  });
  const jobDuration = new Histogram({
    name: 'inbox_worker_job_duration_seconds',
    help: 'Time a job ran in this process, from start to completion or failure.',
    labelNames: ['queue', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  new Counter({
    name: 'inbox_worker_messages_taken_total',
    help: 'Messages taken from the mailbox and classified, by kind (submission, auto_reply, bounce …).',
    labelNames: ['kind'],
    registers,
    async collect() {
      const byKind = await sources.messagesByKind();
      this.reset();
      for (const [kind, n] of Object.entries(byKind)) this.inc({ kind }, n);
    },
  });
  new Gauge({
    name: 'inbox_worker_submissions',
    help: 'Submissions by deliverable and the status of their current version.',
    labelNames: ['deliverable', 'status'],
    registers,
    async collect() {
      const rows = await sources.submissions();
      this.reset();
      for (const r of rows) this.set({ deliverable: r.deliverable, status: r.status }, r.count);
    },
  });
  new Counter({
    name: 'inbox_worker_replies_total',
    help: 'Replies to units by outcome: sent, failed (refused by the mail server), refused (by policy: not answered).',
    labelNames: ['outcome'],
    registers,
    async collect() {
      const rows = await sources.replies();
      this.reset();
      for (const outcome of Object.values(REPLY_OUTCOME)) this.inc({ outcome }, 0);
      for (const r of rows) if (REPLY_OUTCOME[r.key]) this.inc({ outcome: REPLY_OUTCOME[r.key] }, r.count);
    },
  });
  new Gauge({
    name: 'inbox_worker_intake_last_good_round_age_seconds',
    help: 'Seconds since the last intake round that succeeded (-1: none yet).',
    registers,
    async collect() {
      const at = await sources.lastGoodRound();
      this.set(at ? Math.max(0, (sources.now().getTime() - Date.parse(at)) / 1000) : -1);
    },
  });
  new Gauge({
    name: 'inbox_worker_digest_last_sent_timestamp_seconds',
    help: 'Unix time the last digest was sent (0: never).',
    registers,
    async collect() {
      const at = await sources.lastDigestSent();
      this.set(at ? Date.parse(at) / 1000 : 0);
    },
  });
  const imapConnected = new Gauge({ name: 'inbox_worker_imap_connected', help: '1 while this process holds a working IMAP connection to the mailbox.', registers });
  imapConnected.set(0);
  const jobSeat = new Gauge({ name: 'inbox_worker_job_seat_held', help: '1 while this process holds a job seat and takes queued jobs; 0 while it stands by (docs/operations.md, "How many processes").', registers });
  jobSeat.set(0);
  const alerts = new Counter({ name: 'inbox_worker_alerts_sent_total', help: 'Alert and recovery mails this process sent to the operators, by kind.', labelNames: ['kind', 'mail'], registers });

  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
    jobFinished(queue: string, seconds: number, outcome: 'completed' | 'failed'): void {
      jobDuration.observe({ queue, outcome }, seconds);
    },
    imapConnected(connected: boolean): void {
      imapConnected.set(connected ? 1 : 0);
    },
    jobSeatHeld(held: boolean): void {
      jobSeat.set(held ? 1 : 0);
    },
    alertSent(kind: string, recovery: boolean): void {
      alerts.inc({ kind, mail: recovery ? 'recovery' : 'alert' });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
