/**
 * Everything a soak run talks to, started fresh and owned by the run so that faults can be
 * injected into it: Dovecot behind a cuttable TCP proxy, a private Redis that can lose its data,
 * the SMTP capture, a private PostgreSQL cluster (or SQLite in the data dir) and, as root, a small
 * tmpfs over the blob folder. The machine's shared Redis and PostgreSQL are never touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { startPrivatePostgres, postgresBinDir, type PrivatePostgres } from '../harness/private-postgres.js';
import { startPrivateRedis, type PrivateRedis } from '../harness/redis-server.js';
import { mountSmallFilesystem, smallFilesystemAvailable, type SmallFilesystem } from '../harness/small-filesystem.js';
import { startSmtpCapture, type SmtpCapture } from '../harness/smtp-capture.js';
import { startCuttableProxy, type CuttableProxy } from '../harness/tcp-proxy.js';
import { createWorkerEnv, type WorkerEnv } from '../support/worker-env.js';

export interface SoakServices {
  dovecot: DovecotServer;
  imapProxy: CuttableProxy;
  redis: PrivateRedis;
  smtp: SmtpCapture;
  postgres: PrivatePostgres | null;
  blobFs: SmallFilesystem | null;
  worker: WorkerEnv;
  user: string;
  /** Why a fault kind cannot be injected here (no root for the small filesystem …). */
  skipped: string[];
  stop(): Promise<void>;
}

export interface ServiceOptions {
  engine: 'sqlite' | 'postgres';
  /** The campaign's `digest.time` (HH:MM, Asia/Shanghai). */
  digestTime: string;
  blobFsMb: number;
  /** `send` (default): replies go over SMTP; `draft`: they are written into Drafts. */
  replies: 'send' | 'draft';
}

export async function startSoakServices(opts: ServiceOptions): Promise<SoakServices> {
  const skipped: string[] = [];
  const started: { stop(): Promise<void> }[] = [];
  try {
    const dovecot = await startDovecot();
    started.push(dovecot);
    const imapProxy = await startCuttableProxy({ host: dovecot.host, port: dovecot.port });
    started.push(imapProxy);
    const redis = await startPrivateRedis();
    started.push(redis);
    const smtp = await startSmtpCapture();
    started.push(smtp);
    let postgres: PrivatePostgres | null = null;
    if (opts.engine === 'postgres') {
      if (!postgresBinDir()) throw new Error('--db postgres needs PostgreSQL server binaries (initdb, pg_ctl) to run a private cluster');
      postgres = await startPrivatePostgres();
      started.push(postgres);
    }
    const worker = createWorkerEnv('soak', {
      dovecot,
      redisUrl: redis.url,
      campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'], digest: { time: opts.digestTime }, replies: { mode: opts.replies } },
      ...(postgres ? { databaseUrl: postgres.url } : {}),
      extraEnv: { IMAP_PORT: String(imapProxy.port), SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', REPLY_RETRY_SECONDS: '1', WATCH_POLL_SECONDS: '0.5', LOG_LEVEL: 'info' },
    });
    started.push({ stop: async () => worker.dispose() });
    let blobFs: SmallFilesystem | null = null;
    if (smallFilesystemAvailable()) {
      blobFs = await mountSmallFilesystem(path.join(worker.dataDir, 'blobs'), opts.blobFsMb);
      started.push({ stop: () => blobFs!.unmount() });
    } else {
      fs.mkdirSync(worker.dataDir, { recursive: true });
      skipped.push('blob-full: mounting a small filesystem needs root');
    }
    return {
      dovecot,
      imapProxy,
      redis,
      smtp,
      postgres,
      blobFs,
      worker,
      user: dovecot.users[0]!.user,
      skipped,
      async stop() {
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw err;
  }
}
