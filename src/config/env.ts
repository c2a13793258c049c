/**
 * Endpoints and secrets come from the environment only (never from files in the repo).
 * This is the one module that reads `process.env`; everything else receives a frozen value.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'write true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);

/** The reading sandbox's caps (docs/limits.md): the worker and `check` both honour them. */
const sandboxSchema = z.object({
  /** Longest one workbook may take to read and judge in the sandbox; tests set a fraction. */
  READ_TIMEOUT_SECONDS: z.coerce.number().min(0.01).max(600).default(30),
  /** V8 heap cap of the reading process, in MB (at least 32: below that it cannot load the reader; docs/limits.md). */
  READ_MEMORY_MB: z.coerce.number().int().min(32).max(8192).default(512),
});

const envSchema = sandboxSchema.extend({
  IMAP_HOST: z.string().min(1).default('127.0.0.1'),
  IMAP_PORT: port.default(993),
  IMAP_SECURE: bool.default(true),
  IMAP_USER: z.string().default(''),
  IMAP_PASS: z.string().default(''),
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: port.default(465),
  SMTP_SECURE: bool.default(true),
  SMTP_USER: z.string().default(''),
  SMTP_PASS: z.string().default(''),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('data'),
  INBOX_CONFIG_DIR: z.string().default('config'),
  /** Prefix of every BullMQ key, so several deployments (or tests) can share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('inbox'),
  /** Seconds between polls of the mailbox (IDLE or not: IDLE can die silently). */
  WATCH_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** `poll` for servers without IDLE; `idle` falls back to polling by itself when IDLE is missing. */
  WATCH_MODE: z.enum(['idle', 'poll']).default('idle'),
  /** Messages taken per round at most; more wait for the next round. */
  WATCH_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Minutes without a successful round before intake counts as stalled (alert mail, /readyz 503). Tests use fractions. */
  WATCH_STALL_MINUTES: z.coerce.number().min(0.01).default(15),
  /** host:port of the HTTP endpoint (/livez, /readyz, /metrics, /queues); unset = no endpoint. */
  HTTP_ADDRESS: z
    .string()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'write host:port, e.g. 127.0.0.1:9464')
    .optional(),
  /** Needed for /metrics (when set) and /queues (always); required when HTTP_ADDRESS is not loopback. */
  HTTP_TOKEN: z.string().min(16, 'use a long random token (at least 16 characters), e.g. from `openssl rand -hex 24`').optional(),
  /** Worker processes of one machine that take queued jobs at once; the others stand by (docs/operations.md, "How many processes"). Unset: one per two cores. */
  JOB_PROCESSES_PER_MACHINE: z.coerce.number().int().min(1).max(1024).optional(),
  /** First retry delay of a reply that failed for a transient reason (doubles each time). */
  REPLY_RETRY_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** Fault injection for the crash and soak tests only (`crash-after-send`); never set it in production. */
  INBOX_FAULT: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface RuntimeEnv {
  imap: { host: string; port: number; secure: boolean; user: string; pass: string };
  smtp: { host: string; port: number; secure: boolean; user: string; pass: string };
  redisUrl: string;
  /** Unset means the embedded SQLite store in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  configDir: string;
  queuePrefix: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  watch: { pollIntervalMs: number; mode: 'idle' | 'poll'; batchSize: number; stallAfterMs: number };
  fault: string | undefined;
  replyRetryMs: number;
  /** Job seats of this machine (job-seat.ts), or undefined for one per two cores. */
  jobProcessesPerMachine: number | undefined;
  /** Caps of one reading in the workbook sandbox. */
  sandbox: SandboxEnv;
  /** The HTTP endpoint, or null when HTTP_ADDRESS is unset. */
  http: { host: string; port: number; token: string | undefined } | null;
}

export interface SandboxEnv {
  timeoutMs: number;
  maxHeapMb: number;
}

/** Only the sandbox's caps: what `check` reads, with no server and no secret needed. */
export function readSandboxEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const e = parseEnv(sandboxSchema, source);
  return { timeoutMs: e.READ_TIMEOUT_SECONDS * 1000, maxHeapMb: e.READ_MEMORY_MB };
}

function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv): z.infer<T> {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`environment variables are not valid:\n${lines.join('\n')}\nSee .env.example for every variable and its meaning.`);
  }
  return parsed.data;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const e = parseEnv(envSchema, source);
  const http = e.HTTP_ADDRESS ? listenAddress(e.HTTP_ADDRESS, e.HTTP_TOKEN) : null;
  return {
    http,
    imap: { host: e.IMAP_HOST, port: e.IMAP_PORT, secure: e.IMAP_SECURE, user: e.IMAP_USER, pass: e.IMAP_PASS },
    smtp: { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, pass: e.SMTP_PASS },
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    configDir: path.resolve(e.INBOX_CONFIG_DIR),
    queuePrefix: e.QUEUE_PREFIX,
    logLevel: e.LOG_LEVEL,
    fault: e.INBOX_FAULT,
    replyRetryMs: e.REPLY_RETRY_SECONDS * 1000,
    jobProcessesPerMachine: e.JOB_PROCESSES_PER_MACHINE,
    sandbox: readSandboxEnv(source),
    watch: { pollIntervalMs: e.WATCH_POLL_SECONDS * 1000, mode: e.WATCH_MODE, batchSize: e.WATCH_BATCH_SIZE, stallAfterMs: e.WATCH_STALL_MINUTES * 60_000 },
  };
}

/** The endpoint may listen beyond this machine only behind a token (docs/operations.md, "Endpoints"). */
function listenAddress(address: string, token: string | undefined): { host: string; port: number; token: string | undefined } {
  const cut = address.lastIndexOf(':');
  const host = address.slice(0, cut).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(cut + 1));
  if (port > 65535) throw new ConfigError(`HTTP_ADDRESS: port ${port} is above 65535`);
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (!loopback && !token) {
    throw new ConfigError(`HTTP_ADDRESS ${address} listens beyond this machine: set HTTP_TOKEN too (e.g. \`openssl rand -hex 24\`), or listen on 127.0.0.1.`);
  }
  return { host, port, token };
}
