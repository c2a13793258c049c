/**
 * The digest through BullMQ on a real Redis: every process upserts the same daily scheduler (one
 * stays, at 08:30 Asia/Shanghai), and two workers on one queue and one store that both get a
 * digest job at the same moment send one digest between them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Queue, type Worker } from 'bullmq';
import { redisOptionsFromUrl } from '../../src/adapters/queues/redis-options.js';
import { digestQueue, scheduleDailyDigest } from '../../src/adapters/queues/digest-queue.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { uniquePrefix, useRedis, type TestRedis } from '../harness/redis.js';
import { startSmtpCapture, type SmtpCapture } from '../harness/smtp-capture.js';
import { openTestStore, type TestStore } from '../support/databases.js';
import { waitFor } from '../support/run-worker.js';
import { digestJobFor, tempDir, type JobRig } from '../stages/digest/job-rig.js';
import { SEED_NOW, SEED_UNITS, seedStore, storeCampaign } from '../stages/digest/store-seed.js';

describe('the daily digest on the queue', () => {
  let redis: TestRedis;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  let t: TestStore;
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const rigs: JobRig[] = [];
  let runtime: { connection: ReturnType<typeof redisOptionsFromUrl>; prefix: string };

  before(async () => {
    redis = await useRedis();
    dovecot = await startDovecot();
    smtp = await startSmtpCapture();
    t = await openTestStore('postgres');
    await seedStore(t.store);
    runtime = { connection: redisOptionsFromUrl(redis.url), prefix: uniquePrefix('digest') };
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.close()));
    for (const q of queues) await q.obliterate({ force: true }).catch(() => undefined);
    await Promise.all(queues.map((q) => q.close()));
    for (const r of rigs) await r.close();
    await smtp?.stop();
    await t?.dispose();
    await dovecot?.stop();
    await redis?.stop();
  });

  it('three processes start and each upserts the scheduler → one scheduler, a cron at 08:30 Asia/Shanghai, next job at 00:30 UTC', async () => {
    const campaign = storeCampaign();
    for (let i = 0; i < 3; i++) {
      const q = digestQueue.open(runtime);
      queues.push(q);
      assert.deepEqual(await scheduleDailyDigest(q, campaign), { pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
    }
    const schedulers = await queues[0]!.getJobSchedulers();
    assert.equal(schedulers.length, 1);
    assert.equal(schedulers[0]?.pattern, '30 8 * * *');
    assert.equal(schedulers[0]?.tz, 'Asia/Shanghai');
    const next = new Date(Number(schedulers[0]?.next));
    assert.equal(next.toISOString().slice(11, 19), '00:30:00');
    assert.ok(next.getTime() > Date.now() && next.getTime() <= Date.now() + 24 * 3600_000);
    const delayed = await queues[0]!.getDelayed();
    assert.equal(delayed.length, 1, 'one job waits for the next 08:30');
  });

  it('two workers on one store each take a digest job at the same moment → exactly one digest reaches the coordinator', async () => {
    const campaign = storeCampaign();
    const blobDir = tempDir('digest-queue-blobs');
    const second = await t.reopen();
    for (const store of [t.store, second]) {
      const rig = digestJobFor(store, { campaign, units: SEED_UNITS, smtp, dovecot, imapUser: dovecot.users[0]!.user, blobDir, now: SEED_NOW });
      rigs.push(rig);
      workers.push(digestQueue.work(runtime, async (_payload, job) => void (await rig.job.runDaily(job.id ?? 'unknown')), { concurrency: 1 }));
    }
    // Two jobs at once, as two deployments' schedulers (or a scheduler and an operator) would make them.
    const q = queues[0]!;
    await Promise.all([q.add('digest', { trigger: 'schedule' }, { jobId: 'digest-a' }), q.add('digest', { trigger: 'manual', day: '2025-05-08' }, { jobId: 'digest-b' })]);
    await waitFor('both jobs to finish', async () => (await q.getJobCounts('completed')).completed === 2, 30_000, 100);
    assert.equal(smtp.messages.length, 1);
    assert.match(smtp.messages[0]!.raw.toString('latin1'), /X-Inbox-Worker: 1/);
    const rows = await t.store.outbox.list('digest');
    assert.deepEqual(rows.map((r) => [r.subject_key, r.status]), [['2025-05-08', 'sent']]);
    await second.close();
  });
});
