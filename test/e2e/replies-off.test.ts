/**
 * `replies.mode: off` — judge and report only: a unit's mail is judged, nothing is sent and no
 * draft is written, the digest says so, and switching to `send` later does not answer it.
 * Real Dovecot, Redis, smtp-server and SQLite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { buildApp, type App } from '../../src/app/build-app.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { startSmtpCapture, type SmtpCapture } from '../harness/smtp-capture.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { createWorkerEnv, type WorkerEnv } from '../support/worker-env.js';

describe('replies off: judged and reported only', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let smtp: SmtpCapture;
  let w: WorkerEnv;
  let app: App;

  before(async () => {
    dovecot = await startDovecot();
    redis = await useRedis();
    smtp = await startSmtpCapture();
    w = createWorkerEnv('replies-off', {
      dovecot,
      redisUrl: redis.url,
      campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'], replies: { mode: 'off' } },
      extraEnv: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
    });
    app = await buildApp(loadAppConfig(w.env), { logger: pino({ level: 'silent' }) });
    await app.start();
  });
  after(async () => {
    await app?.close();
    await smtp?.stop();
    await dovecot?.stop();
    await redis?.stop();
    w?.dispose();
  });

  const settle = (a: App) => waitFor('the queues to drain', async () => (await a.runWatcherRound()) === 0 && (await a.pendingJobs()) === 0, 60_000, 200);
  const folders = () => dovecot.withClient(dovecot.users[0]!.user, async (c) => (await c.list()).map((m) => m.path));

  it('a unit’s form is judged; no mail, no draft; the outbox records why; the digest says replies are off', async () => {
    const form = await recommendationForm('计算机科学与技术学院', [activity(1, { startDate: '5.20' })]);
    await dovecot.append(dovecot.users[0]!.user, 'INBOX', await unitMailWith({ from: 'cs@example.edu.cn', subject: '计算机学院 推荐表', messageId: '<off-1@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: form }] }));
    await settle(app);
    const rows = await app.store.outbox.list('reply');
    assert.deepEqual(rows.map((r) => [r.status, r.reason]), [['refused', 'replies_off']]);
    assert.equal(smtp.messages.length, 0);
    assert.ok(!(await folders()).includes('Drafts'), 'no draft written');
    const { digest } = await app.digest.prepare(new Date());
    assert.match(digest.text, /【回复方式】只检查不回复/);
    assert.match(digest.text, /需修改 1/);
  });

  it('switched to send later, the mail judged while off is not answered', async () => {
    await app.close();
    const config = loadAppConfig(w.env);
    const sending = { ...config, campaign: { ...config.campaign, campaign: { ...config.campaign.campaign, replies: { mode: 'send' as const } } } };
    app = await buildApp(sending, { logger: pino({ level: 'silent' }) });
    await app.start();
    await settle(app);
    assert.equal(smtp.messages.length, 0);
  });
});
