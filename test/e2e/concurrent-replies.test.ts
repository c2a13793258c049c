/**
 * Replies to one address decided by two worker processes at once, on both engines: a flood of
 * different mails still gets 5 replies (the rate limit) and one notice to the coordinator, and the
 * same mail sent over and over gets one reply. Each reply is written only if the recipient's
 * history is still the one it was decided on (src/stages/reply/recipient-history.ts); without that,
 * replies decided side by side all count the same history and slip past both guards.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/adapters/store/store.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { dropKeys, useRedis, type TestRedis } from '../harness/redis.js';
import { startSmtpCapture, type SmtpCapture } from '../harness/smtp-capture.js';
import { createTestSchema, engines } from '../support/databases.js';
import { unitMailWith } from '../support/mail-builder.js';
import { runWorkerCommand, spawnWorker, waitFor, type RunningWorker } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { createWorkerEnv, type WorkerEnv } from '../support/worker-env.js';

const UNIT = '计算机科学与技术学院';
const FLOOD = 12;
const REPEATS = 6;
const FLOODER = 'flood@example.edu.cn';
const REPEATER = 'repeat@example.edu.cn';

for (const engine of engines) {
  describe(`replies to one address decided by two processes at once (${engine})`, () => {
    let dovecot: DovecotServer;
    let redis: TestRedis;
    let smtp: SmtpCapture;
    let w: WorkerEnv;
    let store: Store;
    let pgSchema: Awaited<ReturnType<typeof createTestSchema>> | undefined;

    before(async () => {
      dovecot = await startDovecot();
      redis = await useRedis();
      smtp = await startSmtpCapture();
      let databaseUrl: string | undefined;
      if (engine === 'postgres') {
        pgSchema = await createTestSchema();
        databaseUrl = pgSchema.databaseUrl;
      }
      w = createWorkerEnv(`replies-${engine}`, {
        dovecot,
        redisUrl: redis.url,
        campaign: { allowedSenderDomains: ['example.edu.cn'] },
        // Both processes take jobs, whatever the machine's cores (job-seat.ts): the test is after their race.
        extraEnv: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', REPLY_RETRY_SECONDS: '0.5', JOB_PROCESSES_PER_MACHINE: '2' },
        ...(databaseUrl ? { databaseUrl } : {}),
      });
      store = await openStore({ dataDir: w.dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
    });
    after(async () => {
      await store?.close();
      await dropKeys(redis.url, w.prefix);
      await smtp?.stop();
      await dovecot?.stop();
      await redis?.stop();
      await pgSchema?.drop();
      w?.dispose();
    });

    it(`${FLOOD} different mails → 5 replies and one notice; ${REPEATS} copies of one mail → one reply`, async () => {
      const mailDir = path.join(w.dir, 'mails');
      fs.mkdirSync(mailDir);
      const form = await recommendationForm(UNIT, [activity(1)]);
      const write = async (name: string, from: string, n: number, text: string) =>
        fs.writeFileSync(
          path.join(mailDir, name),
          await unitMailWith({ from, subject: `计算机学院 推荐表 ${n}`, messageId: `<${name}@example.edu.cn>`, text, date: new Date(Date.UTC(2025, 4, 3, 2, n)), attachments: [{ filename: '推荐表.xlsx', content: form }] }),
        );
      // Each flood body differs (identical ones are answered once anyway); the repeats are identical but for their ids.
      for (let n = 1; n <= FLOOD; n++) await write(`flood-${n}.eml`, FLOODER, n, `推荐表第 ${n} 稿，请查收。`);
      for (let n = 1; n <= REPEATS; n++) await write(`repeat-${n}.eml`, REPEATER, 1, '推荐表，请查收。');
      // Stored and queued first, so that both processes start on full queues.
      await runWorkerCommand(['import', mailDir], w.env);

      const workers: RunningWorker[] = [0, 1].map(() => spawnWorker(['start', '--only', 'ingest,validate,reply'], w.env));
      const replyRows = () => store.db.selectFrom('outbox').select(['recipient', 'status', 'reason']).where('purpose', '=', 'reply').execute();
      try {
        await waitFor(
          'every mail decided and every reply sent',
          async () => {
            const rows = await replyRows();
            return rows.length === FLOOD + REPEATS && rows.every((r) => r.status === 'sent' || r.status === 'refused');
          },
          180_000,
        );
      } finally {
        for (const p of workers) p.child.kill('SIGTERM');
        await Promise.all(workers.map((p) => p.exited));
      }

      const rows = await replyRows();
      const outcomes = (to: string) => rows.filter((r) => r.recipient === to).map((r) => (r.status === 'sent' ? 'sent' : r.reason));
      const count = (list: (string | null)[], what: string) => list.filter((x) => x === what).length;
      assert.equal(count(outcomes(FLOODER), 'sent'), 5, `the flood: ${outcomes(FLOODER).join(', ')}`);
      assert.equal(count(outcomes(FLOODER), 'rate_limited'), FLOOD - 5);
      assert.equal(count(outcomes(REPEATER), 'sent'), 1, `the repeats: ${outcomes(REPEATER).join(', ')}`);
      assert.equal(count(outcomes(REPEATER), 'repeated'), REPEATS - 1);
      assert.equal(smtp.messages.filter((m) => m.envelope.rcptTo.includes(FLOODER)).length, 5, 'what reached SMTP agrees with the outbox');
      assert.equal(smtp.messages.filter((m) => m.envelope.rcptTo.includes(REPEATER)).length, 1);
      const notices = (await store.incidents.open()).filter((i) => i.kind === 'rate_limited' && i.subject === FLOODER);
      assert.deepEqual(notices.map((i) => Number(i.count)), [1], 'the coordinator is told of the flood once');
    });
  });
}
