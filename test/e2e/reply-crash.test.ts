/**
 * The SMTP server took the reply but the outbox could not record it (the fault point acts as if
 * the database failed), the copy went to Sent, and the worker died. On restart it finds the
 * reply's Message-ID in the Sent folder and does not send it again.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { startSmtpCapture, type SmtpCapture } from '../harness/smtp-capture.js';
import { unitMailWith } from '../support/mail-builder.js';
import { spawnWorker, waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { createWorkerEnv, type WorkerEnv } from '../support/worker-env.js';

describe('a crash between sending a reply and recording it', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let smtp: SmtpCapture;
  let w: WorkerEnv;

  before(async () => {
    dovecot = await startDovecot();
    redis = await useRedis();
    smtp = await startSmtpCapture();
    w = createWorkerEnv('reply-crash', {
      dovecot,
      redisUrl: redis.url,
      campaign: { allowedSenderDomains: ['example.edu.cn'] },
      extraEnv: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
    });
  });
  after(async () => {
    await smtp?.stop();
    await dovecot?.stop();
    await redis?.stop();
    w?.dispose();
  });

  const outboxRows = () => {
    const db = new SQLite(path.join(w.dataDir, 'inbox.sqlite'), { readonly: true });
    try {
      return db.prepare("SELECT status, message_id FROM outbox WHERE purpose = 'reply'").all() as { status: string; message_id: string }[];
    } finally {
      db.close();
    }
  };

  it('the worker killed after the send and restarted → still exactly one reply in the SMTP receiver', async () => {
    const form = await recommendationForm('计算机科学与技术学院', [activity(1)]);
    await dovecot.append(dovecot.users[0]!.user, 'INBOX', await unitMailWith({ from: 'office@example.edu.cn', subject: '计算机学院 推荐表', messageId: '<crash-reply@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: form }] }));

    const doomed = spawnWorker(['start'], { ...w.env, INBOX_FAULT: 'crash-after-send' });
    const code = await Promise.race([doomed.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000))]);
    assert.notEqual(code, 'timeout', `the worker should have crashed after sending:\n${doomed.stderr()}`);
    assert.equal(smtp.messages.length, 1, 'the reply reached the SMTP server before the crash');
    assert.deepEqual(outboxRows().map((r) => r.status), ['sending'], 'the outbox never recorded the send');

    const healthy = spawnWorker(['start'], w.env);
    try {
      // The killed process's job is still `active` in BullMQ: it comes back only once its lock
      // expires and a stalled-job check runs (30 s each by default), so allow a few minutes on a
      // loaded machine.
      await waitFor('the restarted worker to settle the outbox row', async () => outboxRows()[0]?.status === 'sent', 240_000, 250);
    } finally {
      healthy.child.kill('SIGTERM');
      await healthy.exited;
    }
    assert.equal(smtp.messages.length, 1, 'no second reply');
  });
});
