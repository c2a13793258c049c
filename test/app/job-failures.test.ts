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
import { reportFinalFailures } from '../../src/app/job-failures.js';
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

it('a validate job that killed its process twice is quarantined: never run a third time, one incident saying so', async () => {
  const prefix = `q${Date.now()}`;
  const connection = redisOptionsFromUrl(redis.url);
  const queue = new Queue(NAME, { connection, prefix });
  await queue.add(NAME, { messageId: 'm1' }, { jobId: 'validate-m1', attempts: 8 });
  // Only the stall check of this worker runs here: it never takes a job.
  const checker = new Worker(NAME, null, { connection, prefix, autorun: false, maxStalledCount: 1, lockDuration: LOCK_MS, stalledInterval: 300 });
  await checker.startStalledCheckTimer();
  for (let crash = 1; crash <= 2; crash++) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', DYING_WORKER], { cwd: projectRoot, env: { ...process.env, REDIS_URL: redis.url, QUEUE: NAME, PREFIX: prefix }, stdio: 'ignore' });
    assert.equal(await new Promise((resolve) => child.once('exit', (_c, signal) => resolve(signal))), 'SIGKILL', `crash ${crash}`);
    // Its lock expires and the stall check puts the job back to wait.
    await waitFor(`the job back in the queue after crash ${crash}`, async () => (await (await queue.getJob('validate-m1'))?.getState()) === 'waiting', 60_000, 100);
  }

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
