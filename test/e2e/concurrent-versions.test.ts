/**
 * Version numbers under contention: twenty mails of one unit are ingested and validated at the
 * same time by two worker processes sharing one store. Each engine must hand out versions 1..20
 * without a collision, so no job is retried (a retried job is how a lost race used to show).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { openStore, type Store } from '../../src/adapters/store/store.js';
import { submissionIdOf } from '../../src/adapters/store/submission-repo.js';
import { dropKeys, useRedis, type TestRedis } from '../harness/redis.js';
import { createTestSchema, engines } from '../support/databases.js';
import { unitMailWith } from '../support/mail-builder.js';
import { runWorkerCommand, spawnWorker, waitFor, type RunningWorker } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { createWorkerEnv, type WorkerEnv } from '../support/worker-env.js';

const UNIT = '计算机科学与技术学院';
const MAILS = 20;

for (const engine of engines) {
  describe(`versions of one unit judged by two processes at once (${engine})`, () => {
    let redis: TestRedis;
    let w: WorkerEnv;
    let store: Store;
    let pgSchema: Awaited<ReturnType<typeof createTestSchema>> | undefined;

    before(async () => {
      redis = await useRedis();
      let databaseUrl: string | undefined;
      if (engine === 'postgres') {
        pgSchema = await createTestSchema();
        databaseUrl = pgSchema.databaseUrl;
      }
      w = createWorkerEnv(`versions-${engine}`, {
        redisUrl: redis.url,
        campaign: { allowedSenderDomains: ['example.edu.cn'] },
        // Both processes take jobs, whatever the machine's cores (job-seat.ts): the test is after their race.
        extraEnv: { LOG_LEVEL: 'info', JOB_PROCESSES_PER_MACHINE: '2' },
        ...(databaseUrl ? { databaseUrl } : {}),
      });
      store = await openStore({ dataDir: w.dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
    });
    after(async () => {
      await store?.close();
      await dropKeys(redis.url, w.prefix);
      await redis?.stop();
      await pgSchema?.drop();
      w?.dispose();
    });

    it(`${MAILS} mails → versions 1..${MAILS}, the latest current, no job retried, both processes at work`, async () => {
      const mailDir = path.join(w.dir, 'mails');
      fs.mkdirSync(mailDir);
      const form = await recommendationForm(UNIT, [activity(1)]);
      for (let n = 1; n <= MAILS; n++) {
        const raw = await unitMailWith({
          from: 'office@example.edu.cn',
          subject: `计算机学院 推荐表 第${n}版`,
          messageId: `<burst-${n}@example.edu.cn>`,
          date: new Date(Date.UTC(2025, 4, 3, 2, n)),
          attachments: [{ filename: '推荐表.xlsx', content: form }],
        });
        fs.writeFileSync(path.join(mailDir, `${String(n).padStart(2, '0')}.eml`), raw);
      }
      // Stored and queued first, so that both processes start on a full queue.
      await runWorkerCommand(['import', mailDir], w.env);

      const workers: RunningWorker[] = [0, 1].map(() => spawnWorker(['start', '--only', 'ingest,validate'], w.env));
      const submissionId = submissionIdOf(UNIT, 'recommendation');
      try {
        await waitFor(
          `${MAILS} versions recorded`,
          async () => {
            const n = await store.db.selectFrom('submission_versions').select((eb) => eb.fn.countAll().as('n')).where('submission_id', '=', submissionId).executeTakeFirst();
            return Number(n?.n ?? 0) >= MAILS;
          },
          180_000,
        );
      } finally {
        for (const p of workers) p.child.kill('SIGTERM');
        await Promise.all(workers.map((p) => p.exited));
      }

      const versions = await store.db.selectFrom('submission_versions').select(['id', 'version', 'received_at']).where('submission_id', '=', submissionId).orderBy('version').execute();
      assert.deepEqual(versions.map((v) => Number(v.version)), Array.from({ length: MAILS }, (_, i) => i + 1));
      const latest = [...versions].sort((a, b) => a.received_at.localeCompare(b.received_at)).pop()!;
      assert.equal((await store.submissions.submission(submissionId))?.current_version_id, latest.id, 'the mail received last is the current version');

      const judgedBy = workers.map((p) => (p.stderr().match(/"msg":"submission judged"/g) ?? []).length);
      assert.equal(judgedBy[0]! + judgedBy[1]!, MAILS, `each mail judged once: ${judgedBy.join(' + ')}`);
      assert.ok(judgedBy.every((n) => n > 0), `both processes judged mail: ${judgedBy.join(' + ')}`);

      for (const name of ['ingest', 'validate']) {
        const queue = new Queue(name, { connection: { url: redis.url }, prefix: w.prefix });
        try {
          const jobs = await queue.getJobs(['completed', 'failed', 'delayed', 'wait', 'active']);
          const retried = jobs.filter((j) => (j.stacktrace ?? []).length > 0 || j.failedReason);
          assert.equal(jobs.length, MAILS, `${name}: one job per mail`);
          assert.deepEqual(retried.map((j) => `${j.id}: ${j.failedReason}`), [], `${name}: no job failed or was retried`);
        } finally {
          await queue.close();
        }
      }
    });
  });
}
