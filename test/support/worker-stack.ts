/**
 * The worker and everything it talks to, for tests that run it whole: a Dovecot with the
 * coordinator's mailbox, Redis under the test's own queue prefix, an SMTP capture, and a worker
 * environment (test/support/worker-env.ts) pointing at all three. The worker itself is started
 * when the test is ready for it — built in this process (`startApp`) or as `inbox-worker`
 * processes (`spawnWorker`) — and `stop()` ends all of it, the worker first.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { buildApp, type App, type AppDeps, type Role } from '../../src/app/build-app.js';
import { openStore, type Store } from '../../src/adapters/store/store.js';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '../harness/smtp-capture.js';
import { spawnWorker, type RunningWorker } from './run-worker.js';
import { createWorkerEnv, type WorkerEnv } from './worker-env.js';

export interface WorkerStackOptions {
  /** Top-level overrides of campaign.yaml. */
  campaign?: Record<string, unknown>;
  /** Variables added to the worker's environment (the SMTP capture's are always set). */
  extraEnv?: Record<string, string>;
}

export interface AppOptions {
  /** The configuration to build from. @defaultValue loadAppConfig(stack.env) */
  config?: AppConfig;
  /** DNS for the DKIM check of the coordinator's mail. */
  dnsResolver?: AppDeps['dnsResolver'];
  /** The roles to start. @defaultValue all of them */
  roles?: readonly Role[];
}

export interface WorkerStack extends Omit<WorkerEnv, 'dispose'> {
  dovecot: DovecotServer;
  redis: TestRedis;
  smtp: SmtpCapture;
  /** Puts a mail into the coordinator's mailbox, as a unit's mail arrives. */
  deliver(raw: Buffer | string, folder?: string): Promise<number | undefined>;
  /** The mail the worker sent to this address, in the order it arrived. */
  mailTo(address: string): CapturedMessage[];
  /** The same, parsed. */
  repliesTo(address: string): Promise<ParsedMail[]>;
  /** Builds and starts the worker in this process; `stop()` closes it unless the test did. */
  startApp(options?: AppOptions): Promise<App>;
  /**
   * The last lines the workers started by `startApp` logged (debug and up, JSON), for a failed
   * assertion's message: what the worker decided, and why, when a test's outcome is not the one
   * expected. Nothing is printed otherwise.
   */
  appLog(): string;
  /** Runs `inbox-worker <args>` as a child process; `stop()` ends it. */
  spawnWorker(args: string[]): RunningWorker;
  /** The worker's store, opened as the test's own connection; `stop()` closes it. */
  openStore(): Promise<Store>;
  stop(): Promise<void>;
}

/** Lines of the in-process workers' log a stack keeps. */
const KEPT_LOG_LINES = 1000;

export async function startWorkerStack(name: string, options: WorkerStackOptions = {}): Promise<WorkerStack> {
  const releases: (() => Promise<void> | void)[] = [];
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, {
    write(line: string) {
      logLines.push(line);
      if (logLines.length > KEPT_LOG_LINES) logLines.shift();
    },
  });
  const stop = async () => {
    const errors: unknown[] = [];
    for (const release of releases.splice(0).reverse()) await Promise.resolve(release()).catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw new AggregateError(errors, `stopping the worker stack ${name}`);
  };
  try {
    const dovecot = await startDovecot();
    releases.push(() => dovecot.stop());
    const redis = await useRedis();
    releases.push(() => redis.stop());
    const smtp = await startSmtpCapture();
    releases.push(() => smtp.stop());
    const { dispose, ...w } = createWorkerEnv(name, {
      dovecot,
      redisUrl: redis.url,
      ...(options.campaign ? { campaign: options.campaign } : {}),
      extraEnv: { SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', ...options.extraEnv },
    });
    releases.push(dispose);
    const mailTo = (address: string) => smtp.messages.filter((m) => m.envelope.rcptTo.includes(address));
    return {
      ...w,
      dovecot,
      redis,
      smtp,
      deliver: (raw, folder = 'INBOX') => dovecot.append(dovecot.users[0]!.user, folder, raw),
      mailTo,
      repliesTo: (address) => Promise.all(mailTo(address).map((m) => simpleParser(m.raw))),
      async startApp({ config = loadAppConfig(w.env), dnsResolver, roles } = {}) {
        const built = await buildApp(config, { logger, ...(dnsResolver ? { dnsResolver } : {}) });
        // A test may close it itself (to start another with other settings): closed once either way.
        let closed: Promise<void> | undefined;
        const app: App = { ...built, close: () => (closed ??= built.close()) };
        releases.push(() => app.close());
        await app.start(roles);
        return app;
      },
      appLog: () => logLines.join(''),
      spawnWorker(args) {
        const worker = spawnWorker(args, w.env);
        releases.push(async () => {
          worker.child.kill('SIGTERM');
          await worker.exited;
        });
        return worker;
      },
      async openStore() {
        const store = await openStore({ dataDir: w.dataDir });
        releases.push(() => store.close());
        return store;
      },
      stop,
    };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}
