/**
 * A job whose process dies while running it (a crash, an OOM kill) is not retried forever: the
 * second time, it is quarantined — failed for good when next taken, never run again, and an
 * incident says so in Chinese (docs/limits.md). Real Redis; the dying processes are real too.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { Queue, Worker } from 'bullmq';
import { redisOptionsFromUrl } from '../../src/adapters/queues/redis-options.js';
import { answerQuarantinedMail, describeUnparsedMail, reportFinalFailures } from '../../src/app/job-failures.js';
import { createBlobStore } from '../../src/adapters/blobs/blob-store.js';
import { unitMailWith } from '../support/mail-builder.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { openTestStore, type TestStore } from '../support/databases.js';
import { waitFor } from '../support/run-worker.js';
import { projectRoot } from '../support/worker-env.js';

const NAME = 'validate';
const LOCK_MS = 800;

/** A worker process that takes one job and dies running it, as the 16 KB bomb once made it. */
const DYING_WORKER = `
import { Worker } from 'bullmq';
const url = new URL(process.env.REDIS_URL);
new Worker(process.env.QUEUE, async () => { process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); },
  { connection: { host: url.hostname, port: Number(url.port) }, prefix: process.env.PREFIX, lockDuration: ${LOCK_MS}, maxStalledCount: 1 });
`;

let redis: TestRedis;
let db: TestStore;
before(async () => {
  redis = await useRedis();
  db = await openTestStore('sqlite');
});
after(async () => {
  await db?.dispose();
  await redis?.stop();
});

/** Two real processes take the job and die running it; the stall check puts it back each time. */
async function crashTwice(queueName: string, data: { messageId: string }, jobId: string) {
  const prefix = `q${Date.now()}`;
  const connection = redisOptionsFromUrl(redis.url);
  const queue = new Queue(queueName, { connection, prefix });
  await queue.add(queueName, data, { jobId, attempts: 8 });
  // Only the stall check of this worker runs here: it never takes a job.
  const checker = new Worker(queueName, null, { connection, prefix, autorun: false, maxStalledCount: 1, lockDuration: LOCK_MS, stalledInterval: 300 });
  await checker.startStalledCheckTimer();
  for (let crash = 1; crash <= 2; crash++) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', DYING_WORKER], { cwd: projectRoot, env: { ...process.env, REDIS_URL: redis.url, QUEUE: queueName, PREFIX: prefix }, stdio: 'ignore' });
    assert.equal(await new Promise((resolve) => child.once('exit', (_c, signal) => resolve(signal))), 'SIGKILL', `crash ${crash}`);
    // Its lock expires and the stall check puts the job back to wait.
    await waitFor(`the job back in the queue after crash ${crash}`, async () => (await (await queue.getJob(jobId))?.getState()) === 'waiting', 60_000, 100);
  }
  return { queue, checker, connection, prefix };
}

it('a validate job that killed its process twice is quarantined: never run a third time, one incident saying so', async () => {
  const { queue, checker, connection, prefix } = await crashTwice(NAME, { messageId: 'm1' }, 'validate-m1');

  let ran = 0;
  const worker = new Worker(NAME, async () => void ran++, { connection, prefix, maxStalledCount: 1 });
  reportFinalFailures(worker, { incidents: db.store.incidents, now: () => new Date(), logger: pino({ level: 'silent' }) });
  const incident = await waitFor('the quarantine incident', async () => (await db.store.incidents.open()).find((i) => i.subject === `${NAME}/validate-m1`), 20_000, 100);
  assert.match(incident.detail, /工作进程两次中断.*任务已隔离，不再自动重试/);
  assert.equal(ran, 0, 'the job is never run again');
  assert.equal(await (await queue.getJob('validate-m1'))?.getState(), 'failed');
  await worker.close();
  await checker.close();
  await queue.close();
});

it('an ingest job quarantined before its mail was parsed: the incident names the sender and subject from the stored headers, and nobody is written to', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quarantine-blobs-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const blobs = createBlobStore(dir);
  const raw = await unitMailWith({ from: '王老师 <wang@example.edu.cn>', subject: '电气工程学院 推荐表', messageId: '<unparsed@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: Buffer.from('PK') }] });
  const blob = await blobs.putBuffer(raw);
  await db.store.messages.recordStored({ id: 'm2', dedupeKey: 'mid:unparsed@example.edu.cn', rawSha256: blob.sha256, size: raw.length, source: 'imap', mailbox: 'INBOX', uidValidity: '1', uid: 2, internalDate: '2025-05-20T02:03:00.000Z', storedAt: '2025-05-20T02:03:05.000Z' });
  const { queue, checker, connection, prefix } = await crashTwice('ingest', { messageId: 'm2' }, 'ingest-m2');

  let validated = 0;
  const worker = new Worker('ingest', async () => undefined, { connection, prefix, maxStalledCount: 1 });
  const answer = answerQuarantinedMail({ messages: db.store.messages, fromCoordinator: async () => false, validate: async () => void validated++ });
  let answered = false;
  reportFinalFailures(worker, {
    incidents: db.store.incidents,
    now: () => new Date(),
    logger: pino({ level: 'silent' }),
    describeQuarantined: describeUnparsedMail({ messages: db.store.messages, blobs }),
    onQuarantined: async (job) => { await answer(job); answered = true; },
  });
  const incident = await waitFor('the quarantine incident', async () => (await db.store.incidents.open()).find((i) => i.subject === 'ingest/ingest-m2'), 20_000, 100);
  assert.match(incident.detail, /任务已隔离，不再自动重试/);
  assert.match(incident.detail, /发件人 王老师 <wang@example\.edu\.cn>，主题 “电气工程学院 推荐表”，收到时间 2025-05-20 10:03/);
  assert.match(incident.detail, /程序没有给发件人回信；如确为单位提交，请您直接联系对方/);
  await waitFor('the quarantined job handled', async () => answered, 20_000, 50);
  assert.equal(validated, 0, 'a mail never parsed is not judged, so nobody is answered');
  await worker.close();
  await checker.close();
  await queue.close();
});
