/**
 * What an operator watches the worker through: Prometheus metrics, readiness, and the HTTP
 * endpoint that serves them with the queue dashboard (docs/operations.md). Built with the app;
 * the endpoint listens only when HTTP_ADDRESS is set.
 */
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createHttpServer } from '../adapters/http/http-server.js';
import { createMetrics } from '../adapters/metrics/metrics.js';
import type { SmtpSender } from '../adapters/smtp/smtp-sender.js';
import type { Store } from '../adapters/store/store.js';
import type { RuntimeEnv } from '../config/env.js';
import { createReadiness } from './readiness.js';

export interface OperationsDeps {
  env: RuntimeEnv;
  store: Store;
  queues: Readonly<Record<string, Queue>>;
  redis: Redis;
  smtp: SmtpSender;
  now(): Date;
  logger: Logger;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

export function createOperations(deps: OperationsDeps) {
  const { store, queues, redis, now } = deps;
  const startedAt = now();

  const metrics = createMetrics({
    jobCounts: async () => {
      const out: Record<string, Record<string, number>> = {};
      for (const [name, q] of Object.entries(queues)) out[name] = await q.getJobCounts(...JOB_STATES);
      return out;
    },
    messagesByKind: async () => (await store.messages.counts()).byKind,
    submissions: () => store.figures.submissions(),
    replies: () => store.figures.outbox('reply'),
    lastGoodRound: () => store.figures.lastGoodRound(),
    lastDigestSent: () => store.figures.lastDigestSent(),
    now,
  });

  const readiness = createReadiness({
    pingDatabase: () => store.figures.ping(),
    pingRedis: async () => {
      if (redis.status === 'wait') await redis.connect();
      await redis.ping();
    },
    intake: async () => {
      const folders = await store.mailboxState.all();
      const lastGoodRound = folders.map((f) => f.last_success_at).filter((t): t is string => Boolean(t)).sort().at(-1) ?? null;
      return { lastGoodRound, lastError: folders.map((f) => f.last_error).find(Boolean) ?? null };
    },
    verifySmtp: () => deps.smtp.verify?.() ?? Promise.resolve(),
    stallAfterMs: deps.env.watch.stallAfterMs,
    startedAt,
    now,
  });

  const http = deps.env.http
    ? createHttpServer({ ...deps.env.http, readiness, metrics, queues: Object.values(queues), logger: deps.logger })
    : null;
  let port: number | null = null;

  return {
    metrics,
    readiness,
    /** Job durations of a queue worker of this process. */
    observe(worker: Worker): void {
      const seconds = (job: { processedOn?: number | undefined; finishedOn?: number | undefined }) => ((job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now())) / 1000;
      worker.on('completed', (job) => metrics.jobFinished(worker.name, seconds(job), 'completed'));
      worker.on('failed', (job) => job && metrics.jobFinished(worker.name, seconds(job), 'failed'));
    },
    async start(): Promise<void> {
      if (http && port === null) port = await http.start();
    },
    /** The port the endpoint listens on (HTTP_ADDRESS with port 0 picks one), or null. */
    port: () => port,
    close: () => http?.close() ?? Promise.resolve(),
  };
}

export type Operations = ReturnType<typeof createOperations>;
