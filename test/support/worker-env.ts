/**
 * A complete, isolated worker environment for end-to-end tests: a temp config dir (the shipped
 * config with test overrides), a temp data dir, a fresh queue prefix, and the environment
 * variables that point the worker at the test Dovecot and Redis.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { DovecotServer } from '../harness/dovecot.js';
import { uniquePrefix } from '../harness/redis.js';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface WorkerEnv {
  dir: string;
  configDir: string;
  dataDir: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export interface WorkerEnvOptions {
  dovecot?: DovecotServer;
  redisUrl: string;
  /** Folder watched (a test may delete and recreate it; INBOX cannot be deleted). */
  folder?: string;
  campaign?: Record<string, unknown>;
  extraEnv?: Record<string, string>;
  databaseUrl?: string;
  /** Project whose shipped config/ is copied (the bench's `--against` runs an older tree). @defaultValue this checkout */
  configFrom?: string;
}

export function createWorkerEnv(name: string, opts: WorkerEnvOptions): WorkerEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `worker-${name}-`));
  const configDir = path.join(dir, 'config');
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(configDir);
  const shipped = path.join(opts.configFrom ?? projectRoot, 'config');
  for (const f of fs.readdirSync(shipped)) fs.copyFileSync(path.join(shipped, f), path.join(configDir, f));
  const campaignFile = path.join(configDir, 'campaign.yaml');
  const doc = parseDocument(fs.readFileSync(campaignFile, 'utf8'));
  if (opts.folder) doc.setIn(['mailbox', 'folder'], opts.folder);
  // The shipped config writes replies as drafts; tests are about what units receive unless they
  // say otherwise (`campaign: { replies: { mode: 'draft' } }`). An older tree's config (the
  // bench's `--against`) has no reply modes and refuses the key.
  if (doc.has('replies')) doc.set('replies', { mode: 'send' });
  for (const [k, v] of Object.entries(opts.campaign ?? {})) doc.set(k, v);
  fs.writeFileSync(campaignFile, doc.toString());

  const prefix = uniquePrefix(name);
  const imap = opts.dovecot?.imapEnv();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    INBOX_CONFIG_DIR: configDir,
    DATA_DIR: dataDir,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    WATCH_POLL_SECONDS: '0.5',
    ...(imap ? { IMAP_HOST: imap.host, IMAP_PORT: String(imap.port), IMAP_SECURE: 'false', IMAP_USER: imap.user, IMAP_PASS: imap.pass } : {}),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.extraEnv,
  };
  return { dir, configDir, dataDir, prefix, env, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A small, valid mail from a unit, with a Message-ID the test can look for; its subject names the form, which ties it to the call. */
export function unitMail(n: number, opts: { messageId?: string; from?: string; subject?: string } = {}): string {
  const id = opts.messageId ?? `<m${n}.test@example.edu.cn>`;
  return [
    `From: 测试单位 <${opts.from ?? 'unit@example.edu.cn'}>`,
    'To: mywu@bjtu.edu.cn',
    `Subject: ${opts.subject ?? `推荐表 test submission ${n}`}`,
    `Message-ID: ${id}`,
    'Date: Mon, 05 May 2025 10:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Submission number ${n}.`,
    '',
  ].join('\r\n');
}
