/**
 * Wires the worker together from config and injected basics (logger, clock). Building does no
 * work; `start` begins it and `close` ends it, releasing every client (docs/architecture.md,
 * "Build, then start").
 */
import path from 'node:path';
import type { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ingestQueue } from '../adapters/queues/ingest-queue.js';
import { digestQueue, scheduleDailyDigest } from '../adapters/queues/digest-queue.js';
import { replyQueue } from '../adapters/queues/reply-queue.js';
import { validateQueue } from '../adapters/queues/validate-queue.js';
import { createBlobStore } from '../adapters/blobs/blob-store.js';
import type { AppConfig } from '../config/app-config.js';
import { createSmtpSender } from '../adapters/smtp/smtp-sender.js';
import { handleBounce } from '../stages/ingest/bounce-handler.js';
import { isCoordinatorDecision } from '../stages/coordinator/coordinator-mail.js';
import { createCoordinatorVerifier, type DnsResolver } from '../adapters/mail-auth/verify-coordinator.js';
import { createUnitMatcher } from '../domain/recognition/index.js';
import { createIngestJob, type IngestedMail } from '../stages/ingest/ingest-job.js';
import { exchangedFiles } from '../stages/ingest/exchanged-files.js';
import { storeRelevance } from '../stages/relevance/relevance-of.js';
import { LEFT_ALONE_WHEN_UNRELATED, settleMachineMail } from '../stages/relevance/machine-mail.js';
import { isReport, settleReport } from '../stages/relevance/reported-mail.js';
import { createIntake } from '../stages/intake/intake.js';
import { createValidateJob } from '../stages/validate/validate-job.js';
import { createReadPool } from '../adapters/workbook/sandbox/read-pool.js';
import { redisOptionsFromUrl } from '../adapters/queues/redis-options.js';
import { createJobSeat, defaultSeats, type JobSeat } from '../adapters/redis/job-seat.js';
import { thisMachine } from '../adapters/host/this-machine.js';
import { openStore } from '../adapters/store/store.js';
import { stageConcurrency } from './stage-concurrency.js';
import { answerQuarantinedMail, describeUnparsedMail, reportFinalFailures } from './job-failures.js';
import { jobsInHand, requeueUnfinished } from './recovery.js';
import { watchMailbox } from './watch-mailbox.js';
import { createRedisLossWatch } from './redis-loss.js';
import { createOperations } from './operations.js';
import { createAlertWiring } from './alert-wiring.js';
import { wireOutgoing } from './outgoing.js';

export const roles = ['watcher', 'ingest', 'validate', 'reply', 'digest'] as const;

/** How often a process looks for a Redis that lost its data (src/app/redis-loss.ts). */
const REDIS_CHECK_MS = 15_000;
export type Role = (typeof roles)[number];

export interface AppDeps {
  logger: Logger;
  now?: () => Date;
  /** DNS for the worker's own DKIM check of the coordinator's mail (tests serve a key). @defaultValue the system resolver */
  dnsResolver?: DnsResolver;
  /** Overrides of the environment's watcher settings (`start --poll`). */
  watcher?: { mode?: 'idle' | 'poll' };
}

export async function buildApp(config: AppConfig, deps: AppDeps) {
  const { env, campaign } = config;
  const logger = deps.logger;
  const now = deps.now ?? (() => new Date());
  const store = await openStore(
    {
      databaseUrl: env.databaseUrl,
      dataDir: env.dataDir,
      onUnreachable: (err, nextTryInMs) => logger.warn({ err: err instanceof Error ? err.message : String(err), nextTryInMs }, 'database not reachable yet: trying again'),
    },
    now,
  );
  const blobs = createBlobStore(path.join(env.dataDir, 'blobs'));
  const queueRuntime = { connection: redisOptionsFromUrl(env.redisUrl), prefix: env.queuePrefix };
  const queues = { ingest: ingestQueue.open(queueRuntime), validate: validateQueue.open(queueRuntime), reply: replyQueue.open(queueRuntime), digest: digestQueue.open(queueRuntime) };
  const wiring = createAlertWiring();
  const smtp = createSmtpSender(env.smtp, logger, wiring.smtpLogin);
  const redis = new Redis({ ...redisOptionsFromUrl(env.redisUrl), lazyConnect: true });
  const workers: Worker[] = [];
  let watcher: ReturnType<typeof watchMailbox> | null = null;

  // What ties a mail to the call besides its forms (docs/relevance.md).
  const relevance = storeRelevance(store, campaign);

  const intake = createIntake({
    blobs,
    messages: store.messages,
    enqueueIngest: (messageId) => ingestQueue.add(queues.ingest, { messageId }),
    now,
    logger,
  });

  const ingest = createIngestJob({
    blobs,
    messages: store.messages,
    incidents: store.incidents,
    mailboxAddress: campaign.campaign.mailbox.address,
    coordinatorAddress: campaign.campaign.coordinator.address,
    isOurMail: (ids) => store.outbox.wroteAnyOf(ids),
    exchangedFiles: (parsed, messageId) => exchangedFiles(parsed, messageId, { messages: store.messages, outbox: store.outbox, blobs }),
    onIngested: async (messageId, verdict, mail) => {
      if (['submission', 'own', 'follow_up'].includes(verdict.kind) && (await fromCoordinator(messageId, mail))) return;
      if (verdict.kind === 'submission') await validateQueue.add(queues.validate, { messageId });
      // Bounces, delay reports and receipts are the call's only when about the worker's own mail (docs/relevance.md).
      if (isReport(verdict)) {
        const ours = await settleReport(messageId, verdict, { messages: store.messages, outbox: store.outbox, blobs, logger });
        if (ours && verdict.kind === 'bounce') await handleBounce(messageId, verdict, { outbox: store.outbox, incidents: store.incidents, now });
        return;
      }
      if (LEFT_ALONE_WHEN_UNRELATED.has(verdict.kind)) await settleMachineMail(messageId, { messages: store.messages, blobs, relevance, logger });
    },
    now,
    logger,
  });

  // One small pool of reading processes for the worker, kept between mails (docs/limits.md).
  const reader = createReadPool(env.sandbox);

  const validate = createValidateJob({
    config,
    blobs,
    reader,
    incidents: store.incidents,
    messages: store.messages,
    submissions: store.submissions,
    relevance,
    onJudged: (messageId) => enqueueReply(messageId),
    learnedAddresses: (sender) => store.learnedAddresses.of(sender),
    now,
    logger,
  });

  const enqueueReply = (messageId: string, trigger?: string) =>
    replyQueue.add(queues.reply, { messageId, ...(trigger ? { trigger } : {}) }, { backoff: { type: 'exponential', delay: env.replyRetryMs } });

  const coordinatorMail = {
    campaign: campaign.campaign,
    units: createUnitMatcher(campaign.units),
    registry: campaign.units,
    learned: store.learnedAddresses,
    blobs,
    messages: store.messages,
    submissions: store.submissions,
    incidents: store.incidents,
    verifier: createCoordinatorVerifier({ authservId: campaign.campaign.mailbox.authservId, coordinatorAddress: campaign.campaign.coordinator.address, ...(deps.dnsResolver ? { resolver: deps.dnsResolver } : {}) }),
    rejudge: (messageId: string) => validate(messageId),
    answer: enqueueReply,
    now,
    logger,
  };

  /** A mail from the coordinator that answers a held submission is her decision, not a submission. */
  const fromCoordinator = (messageId: string, inHand?: IngestedMail | null) => isCoordinatorDecision(messageId, coordinatorMail, inHand);

  const operations = createOperations({ env, store, queues, redis, smtp, now, logger });
  const { keptImap, alerts, digest, reply } = wireOutgoing({ config, store, blobs, smtp, wiring, operations, now, logger });
  wiring.attach(alerts);
  let alertTick: NodeJS.Timeout | undefined;

  /** Puts back in the queues whatever the store says is unfinished (after a crash or a lost Redis). */
  const recover = () =>
    requeueUnfinished(
      store,
      { ingest: (messageId) => ingestQueue.add(queues.ingest, { messageId }), validate: (messageId) => validateQueue.add(queues.validate, { messageId }), reply: (messageId) => enqueueReply(messageId) },
      logger,
    );

  // A mail whose ingest job was quarantined before it was parsed: the coordinator is told who sent it (docs/limits.md).
  const describeQuarantined = describeUnparsedMail({ messages: store.messages, blobs });
  /** Every queue worker reports its final failures (incident + alert) and its job durations. */
  function track(w: Worker, onQuarantined?: (job: Job) => Promise<void>): void {
    reportFinalFailures(w, { incidents: store.incidents, now, logger, onFinalFailure: wiring.jobFailed, describeQuarantined, ...(onQuarantined ? { onQuarantined } : {}) });
    operations.observe(w);
    workers.push(w);
  }

  const redisLoss = createRedisLossWatch({
    redis,
    key: `${env.queuePrefix}:alive`,
    recover: async () => {
      await recover();
      if (roleSet.has('digest')) await scheduleDailyDigest(queues.digest, campaign.campaign);
    },
    catchUpDigest: (day) => digestQueue.add(queues.digest, { trigger: 'manual', day }),
    digestOf: async (day) => (await store.outbox.find('digest', day)) !== undefined,
    get digestTime() {
      return roleSet.has('digest') ? campaign.campaign.digest.time : null;
    },
    now,
    logger,
  });
  let roleSet = new Set<Role>();
  let lossTick: NodeJS.Timeout | undefined;
  const me = thisMachine();
  let jobSeat: JobSeat | null = null;

  /** The queue workers of this process's stages: started when it takes a job seat. */
  function takeJobs(only: readonly Role[]): void {
    // A unit's mail whose job stopped the process twice is still answered (docs/limits.md).
    const quarantined = answerQuarantinedMail({ messages: store.messages, fromCoordinator, validate });
    const concurrency = stageConcurrency(store.engine);
    if (only.includes('ingest')) track(ingestQueue.work(queueRuntime, (p) => ingest(p.messageId), { concurrency: concurrency.ingest }), quarantined);
    if (only.includes('validate')) {
      reader.warm();
      track(validateQueue.work(queueRuntime, (p) => validate(p.messageId), { concurrency: concurrency.validate }), quarantined);
    }
    if (only.includes('reply')) track(replyQueue.work(queueRuntime, (p) => reply(p.messageId), { concurrency: concurrency.reply }));
    if (only.includes('digest')) track(digestQueue.work(queueRuntime, async (_p, job) => void (await digest.runDaily(job.id ?? 'digest')), { concurrency: 1 }));
  }

  async function start(only: readonly Role[] = roles): Promise<void> {
    roleSet = new Set(only);
    await recover();
    const swept = blobs.sweepAbandoned();
    if (swept > 0) logger.info({ swept }, 'removed the temporary files of blob writes a stop interrupted');
    await connectRedis();
    await redisLoss.mark();
    lossTick = setInterval(() => void redisLoss.check().catch((err: unknown) => logger.warn({ err: String(err) }, 'could not check Redis for lost data')), REDIS_CHECK_MS);
    lossTick.unref();
    await operations.start();
    await alerts.tick();
    alertTick = setInterval(() => void alerts.tick(), 30_000);
    alertTick.unref();
    const stages = only.filter((role) => role !== 'watcher');
    if (stages.length > 0) {
      // The digest's schedule is kept by every process: a standby that takes over has it.
      if (only.includes('digest')) await scheduleDailyDigest(queues.digest, campaign.campaign);
      jobSeat = createJobSeat({
        redis,
        prefix: env.queuePrefix,
        stages: [...stages].sort().join('+'),
        seats: env.jobProcessesPerMachine ?? defaultSeats(me.cores),
        me,
        logger,
        onTaken: async () => {
          takeJobs(only);
          operations.metrics.jobSeatHeld(true);
        },
        onLost: async () => {
          operations.metrics.jobSeatHeld(false);
          await Promise.all(workers.splice(0).map((w) => w.close()));
        },
      });
      await jobSeat.start();
    }
    if (only.includes('watcher')) {
      watcher = watchMailbox({
        config,
        store,
        intake,
        redis,
        mode: deps.watcher?.mode ?? env.watch.mode,
        onStall: wiring.stalled,
        onEvent: (e) => wiring.watcherEvent(e, operations.metrics.imapConnected),
        logger,
        now,
      });
      await watcher.start();
    }
  }

  async function connectRedis(): Promise<void> {
    if (redis.status === 'wait') await redis.connect();
  }

  // The digest queue always holds the next day's scheduled job: it is not work in hand.
  const pendingJobs = () => jobsInHand([queues.ingest, queues.validate, queues.reply] as Queue[]);

  /** Graceful: stop taking, let jobs in hand finish, then close every client. */
  async function close(): Promise<void> {
    clearInterval(alertTick);
    clearInterval(lossTick);
    await operations.close();
    if (watcher) await watcher.stop();
    // The seat is freed before the jobs in hand finish: a standby that takes it meanwhile only
    // runs other jobs beside them, which every job allows (docs/architecture.md, "Job seats").
    await jobSeat?.stop();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(Object.values(queues).map((q) => q.close()));
    await reader.close();
    smtp.close();
    await keptImap.close();
    if (redis.status !== 'wait' && redis.status !== 'end') await redis.quit().catch(() => undefined);
    redis.disconnect();
    await store.close();
  }

  return { config, store, blobs, reader, queues, intake, relevance, digest, alerts, operations, recover, redisLoss, start, pendingJobs, close, runWatcherRound: () => watcher?.runRoundNow() ?? Promise.resolve(0) };
}

export type App = Awaited<ReturnType<typeof buildApp>>;
