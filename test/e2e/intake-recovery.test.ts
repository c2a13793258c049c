/**
 * Intake recovers from what real operations throw at it: a mailbox rebuilt with new UIDs, a
 * Redis that lost its queues, a backfill run twice.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildApp, type App, type Role } from '../../src/app/build-app.js';
import { importMessages } from '../../src/cli/import-command.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { waitFor } from '../support/run-worker.js';
import { createWorkerEnv, projectRoot, unitMail, type WorkerEnv } from '../support/worker-env.js';

const FOLDER = 'Submissions';
const silent = pino({ level: 'silent' });

describe('intake recovery', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  const envs: WorkerEnv[] = [];
  const apps: App[] = [];

  before(async () => {
    dovecot = await startDovecot();
    redis = await useRedis();
  });
  after(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await dovecot?.stop();
    await redis?.stop();
    for (const w of envs) w.dispose();
  });

  const user = () => dovecot.users[0]!.user;
  const newEnv = (name: string) => {
    const w = createWorkerEnv(name, { dovecot, redisUrl: redis.url, folder: FOLDER });
    envs.push(w);
    return w;
  };
  const startApp = async (w: WorkerEnv, only?: Role[]) => {
    const app = await buildApp(loadAppConfig(w.env), { logger: silent });
    apps.push(app);
    await app.start(only);
    return app;
  };
  const stopApp = async (app: App) => {
    await app.close();
    apps.splice(apps.indexOf(app), 1);
  };
  const markedCount = () =>
    dovecot.withClient(user(), async (c) => {
      const lock = await c.getMailboxLock(FOLDER);
      try {
        return ((await c.search({ keyword: '$InboxWorkerTaken' }, { uid: true })) || []).length;
      } finally {
        lock.release();
      }
    });

  it('a mailbox recreated with the same messages (new UIDVALIDITY) stores nothing twice', async () => {
    const w = newEnv('uidvalidity');
    await dovecot.createFolder(user(), FOLDER);
    for (let n = 1; n <= 5; n++) await dovecot.append(user(), FOLDER, unitMail(n));
    let app = await startApp(w);
    await waitFor('five messages ingested', async () => (await app.store.messages.counts()).byState.ingested === 5);
    const before = await app.store.mailboxState.load(FOLDER);
    await stopApp(app);

    await dovecot.deleteFolder(user(), FOLDER);
    await dovecot.createFolder(user(), FOLDER);
    for (let n = 1; n <= 5; n++) await dovecot.append(user(), FOLDER, unitMail(n));
    await dovecot.append(user(), FOLDER, unitMail(6));
    app = await startApp(w);
    await waitFor('the rebuilt folder taken', async () => (await markedCount()) === 6);
    await waitFor('the new message ingested', async () => (await app.store.messages.counts()).byState.ingested === 6);
    const after = await app.store.mailboxState.load(FOLDER);
    assert.notEqual(after?.uidValidity, before?.uidValidity, 'Dovecot gave the new folder a new UIDVALIDITY');
    assert.deepEqual(await app.store.messages.counts(), { stored: 6, byState: { ingested: 6 }, byKind: { submission: 6 } });
    await stopApp(app);
  });

  it('Redis flushed while work is pending: after a restart everything stored is processed', async () => {
    const w = newEnv('flush');
    await dovecot.deleteFolder(user(), FOLDER).catch(() => undefined);
    await dovecot.createFolder(user(), FOLDER);
    for (let n = 11; n <= 18; n++) await dovecot.append(user(), FOLDER, unitMail(n));
    // Only the watcher runs: messages are stored and queued, nobody ingests them.
    let app = await startApp(w, ['watcher']);
    await waitFor('eight messages stored', async () => (await app.store.messages.counts()).stored === 8);
    assert.equal((await app.store.messages.counts()).byState.stored, 8);
    await stopApp(app);

    // Lose every queue key of this deployment, as a Redis restart without persistence would.
    const client = new Redis(redis.url);
    const keys = await client.keys(`${w.prefix}:*`);
    assert.ok(keys.length > 0, 'the queue had keys to lose');
    await client.del(...keys);
    client.disconnect();

    app = await startApp(w, ['ingest']);
    await waitFor('everything stored is ingested', async () => (await app.store.messages.counts()).byState.ingested === 8);
    assert.equal((await app.store.messages.counts()).stored, 8);
    await stopApp(app);
  });

  it('a blob write a stop interrupted: its temporary file is removed at the next start, every stored blob kept', async () => {
    const w = newEnv('sweep');
    await dovecot.deleteFolder(user(), FOLDER).catch(() => undefined);
    await dovecot.createFolder(user(), FOLDER);
    await dovecot.append(user(), FOLDER, unitMail(21));
    let app = await startApp(w, ['watcher']);
    await waitFor('the mail stored', async () => (await app.store.messages.counts()).stored === 1);
    const [stored] = await app.store.messages.idsInState('stored');
    const raw = (await app.store.messages.get(stored!))!.raw_sha256;
    await stopApp(app);
    // What a process killed in the middle of a put leaves behind, a day ago.
    const left = path.join(w.dataDir, 'blobs', 'tmp', 'killed-put');
    fs.writeFileSync(left, 'half a mail');
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    fs.utimesSync(left, dayAgo, dayAgo);

    app = await startApp(w, ['watcher']);
    assert.equal(fs.existsSync(left), false);
    assert.equal(await app.blobs.has(raw), true);
    await stopApp(app);
  });

  it('import backfills .eml files, folders and mbox through the same path, and a second import stores nothing new', async () => {
    const w = newEnv('import');
    const mbox = path.join(w.dir, 'archive.mbox');
    const mails = [unitMail(101), unitMail(102, { subject: 'From the mbox' }).replace('Submission number 102.', 'From here on, a line that starts with From')];
    // An mbox writer quotes body lines that start with "From " (mboxrd); import must unquote, not split there.
    const quoted = (m: string) => m.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1');
    fs.writeFileSync(mbox, mails.map((m) => `From unit@example.edu.cn Mon May  5 10:00:00 2025\n${quoted(m)}\n`).join(''));
    const fixtures = path.join(projectRoot, 'test/fixtures/mail');
    const emlCount = fs.readdirSync(fixtures).filter((f) => f.endsWith('.eml')).length;

    const app = await buildApp(loadAppConfig(w.env), { logger: silent });
    apps.push(app);
    const first = await importMessages(app, [fixtures, mbox]);
    assert.deepEqual(first, { files: emlCount + 2, stored: emlCount + 2, duplicates: 0, failed: [] });
    const again = await importMessages(app, [fixtures, mbox]);
    assert.deepEqual(again, { files: emlCount + 2, stored: 0, duplicates: emlCount + 2, failed: [] });

    await app.start(['ingest']);
    // A mail is left alone just after it is recorded as ingested: wait for the four to be settled too.
    await waitFor('imports ingested and settled', async () => {
      const counts = await app.store.messages.counts();
      return counts.byState.ingested === emlCount + 2 && counts.byKind.unrelated === 4;
    });
    const kinds = (await app.store.messages.counts()).byKind;
    // The worker wrote none of the mails the three fixture bounces return, and the campus newsletter
    // has nothing to do with the call: all four left alone, not kept (docs/relevance.md).
    assert.equal(kinds.bounce, undefined);
    assert.equal(kinds.auto_reply, 3);
    assert.equal(kinds.list, undefined);
    assert.equal(kinds.unrelated, 4);
    assert.equal(kinds.own, 1);
    await stopApp(app);
  });
});
