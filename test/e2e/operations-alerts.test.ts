/**
 * An operator's story: the worker runs with its HTTP endpoint against the test stack; the mailbox
 * server stops, and the operator hears of it at once — /readyz turns 503 naming IMAP and one alert
 * mail arrives; the server comes back, /readyz is 200 again and one recovery mail arrives. A wrong
 * IMAP password is one authentication alert (the stall it causes is not mailed again).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import pino from 'pino';
import { buildApp, type App } from '../../src/app/build-app.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { startSmtpCapture, type SmtpCapture } from '../harness/smtp-capture.js';
import { waitFor } from '../support/run-worker.js';
import { createWorkerEnv, type WorkerEnv } from '../support/worker-env.js';

const silent = pino({ level: 'silent' });
const OPERATOR = 'ops@example.edu.cn';
const TOKEN = 'test-token-0123456789abcdef';

describe('operations: readiness and alerts by mail', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  const envs: WorkerEnv[] = [];
  const apps: App[] = [];
  const captures: SmtpCapture[] = [];

  before(async () => {
    dovecot = await startDovecot();
    redis = await useRedis();
  });
  after(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const c of captures) await c.stop();
    await dovecot?.stop();
    await redis?.stop();
    for (const w of envs) w.dispose();
  });

  async function startWorker(name: string, extraEnv: Record<string, string> = {}) {
    const smtp = await startSmtpCapture();
    captures.push(smtp);
    const w = createWorkerEnv(name, {
      dovecot,
      redisUrl: redis.url,
      campaign: { operators: [OPERATOR] },
      extraEnv: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_SECURE: 'false',
        // A short stall threshold (3 s) so the story runs in seconds, not the 15 minutes of production.
        WATCH_STALL_MINUTES: '0.05',
        HTTP_ADDRESS: '127.0.0.1:0',
        HTTP_TOKEN: TOKEN,
        ...extraEnv,
      },
    });
    envs.push(w);
    const app = await buildApp(loadAppConfig(w.env), { logger: silent });
    apps.push(app);
    await app.start(['watcher', 'ingest']);
    const base = `http://127.0.0.1:${app.operations.port()}`;
    return { app, smtp, base };
  }

  const readyz = async (base: string) => {
    const res = await fetch(`${base}/readyz`);
    return { status: res.status, body: (await res.json()) as { failed: string[]; checks: Record<string, { ok: boolean; since?: string; error?: string }> } };
  };
  const mails = async (smtp: SmtpCapture) =>
    Promise.all(smtp.messages.map(async (m) => ({ to: m.envelope.rcptTo, mail: await simpleParser(m.raw) })));

  it('Dovecot stops → /readyz 503 naming IMAP and one alert mail; Dovecot back → 200 and one recovery mail', async () => {
    const { smtp, base } = await startWorker('stall');
    await waitFor('/readyz 200', async () => (await readyz(base)).status === 200, 30_000);
    assert.equal((await fetch(`${base}/livez`)).status, 200);

    await dovecot.halt();
    const down = await waitFor('/readyz 503', async () => {
      const r = await readyz(base);
      return r.status === 503 ? r : null;
    }, 30_000);
    assert.deepEqual(down.body.failed, ['imap']);
    assert.ok(down.body.checks.imap?.since, 'the failing check says since when');
    assert.match(down.body.checks.imap?.error ?? '', /no good intake round/);

    await smtp.waitFor(1, 30_000);
    // Several more failed rounds and stall checks pass while the server stays down: still one mail.
    await new Promise((r) => setTimeout(r, 4_000));
    const alerts = await mails(smtp);
    assert.equal(alerts.length, 1, `one alert mail, got: ${alerts.map((a) => a.mail.subject).join(' | ')}`);
    const alert = alerts[0]!;
    assert.deepEqual(alert.to, [OPERATOR]);
    assert.match(alert.mail.subject ?? '', /告警.*收件中断/);
    assert.match(alert.mail.text ?? '', /没有成功收取邮箱/);
    assert.equal(alert.mail.headers.get('auto-submitted'), 'auto-generated');

    await dovecot.resume();
    await waitFor('/readyz 200 again', async () => (await readyz(base)).status === 200, 90_000);
    await smtp.waitFor(2, 30_000);
    const all = await mails(smtp);
    assert.equal(all.length, 2);
    assert.match(all[1]!.mail.subject ?? '', /已恢复.*收件中断/);
  });

  it('a wrong IMAP password → one authentication alert, and the stall it causes is not mailed again', async () => {
    const { app, smtp, base } = await startWorker('auth', { IMAP_PASS: 'wrong-password' });
    await smtp.waitFor(1, 30_000);
    await waitFor('/readyz 503 naming IMAP', async () => (await readyz(base)).body.failed.includes('imap'), 30_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const all = await mails(smtp);
    assert.equal(all.length, 1, `one alert mail, got: ${all.map((a) => a.mail.subject).join(' | ')}`);
    assert.match(all[0]!.mail.subject ?? '', /告警.*邮箱登录失败（IMAP）/);
    assert.match(all[0]!.mail.text ?? '', /IMAP_PASS/);
    // The digest lists it too.
    const open = await app.store.incidents.open();
    assert.ok(open.some((i) => i.kind === 'login_failed' && i.subject === 'IMAP'));
  });

  it('a wrong SMTP password → /readyz names smtp, the login incident is open and the alert waits in the outbox (it cannot go out through that server)', async () => {
    // A mail server that wants a login and refuses this password (535, nodemailer's EAUTH).
    const server = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, done) => (auth.password === 'right-password' ? done(null, { user: auth.username }) : done(new Error('Invalid username or password'))),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const { app, base } = await startWorker('smtp-auth', { SMTP_PORT: String(port), SMTP_USER: 'mywu@bjtu.edu.cn', SMTP_PASS: 'wrong-password' });
      const down = await waitFor('/readyz names smtp', async () => {
        const r = await readyz(base);
        return r.body.failed.includes('smtp') ? r : null;
      }, 30_000);
      assert.match(down.body.checks.smtp?.error ?? '', /Invalid|535|auth/i);
      await waitFor('the login incident', async () => (await app.store.incidents.open()).some((i) => i.kind === 'login_failed' && i.subject === 'SMTP'), 10_000);
      const queued = await waitFor('the alert in the outbox', async () => {
        const rows = (await app.store.outbox.list('alert')).filter((r) => r.kind === 'smtp_auth');
        return rows.length > 0 ? rows : null;
      }, 10_000);
      assert.equal(queued.length, 1);
      assert.notEqual(queued[0]!.status, 'sent');
      assert.notEqual(queued[0]!.status, 'failed', 'a refused login is retried, not given up');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
