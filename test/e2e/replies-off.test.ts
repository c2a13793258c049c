/**
 * `replies.mode: off` — judge and report only: a unit's mail is judged, nothing is sent and no
 * draft is written, the digest says so, and switching to `send` later does not answer it.
 * Real Dovecot, Redis, smtp-server and SQLite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/app/build-app.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

describe('replies off: judged and reported only', () => {
  let stack: WorkerStack;
  let app: App;

  before(async () => {
    stack = await startWorkerStack('replies-off', { campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'], replies: { mode: 'off' } } });
    app = await stack.startApp();
  });
  after(() => stack?.stop());

  const settle = (a: App) => waitFor('the queues to drain', async () => (await a.runWatcherRound()) === 0 && (await a.pendingJobs()) === 0, 60_000, 200);
  const folders = () => stack.dovecot.withClient(stack.dovecot.users[0]!.user, async (c) => (await c.list()).map((m) => m.path));

  it('a unit’s form is judged; no mail, no draft; the outbox records why; the digest says replies are off', async () => {
    const form = await recommendationForm('计算机科学与技术学院', [activity(1, { startDate: '5.20' })]);
    await stack.deliver(await unitMailWith({ from: 'cs@example.edu.cn', subject: '计算机学院 推荐表', messageId: '<off-1@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: form }] }));
    await settle(app);
    const rows = await app.store.outbox.list('reply');
    assert.deepEqual(rows.map((r) => [r.status, r.reason]), [['refused', 'replies_off']]);
    assert.equal(stack.smtp.messages.length, 0);
    assert.ok(!(await folders()).includes('Drafts'), 'no draft written');
    const { digest } = await app.digest.prepare(new Date());
    assert.match(digest.text, /【回复方式】只检查不回复/);
    assert.match(digest.text, /需修改 1/);
  });

  it('switched to send later, the mail judged while off is not answered', async () => {
    await app.close();
    const config = loadAppConfig(stack.env);
    const sending = { ...config, campaign: { ...config.campaign, campaign: { ...config.campaign.campaign, replies: { mode: 'send' as const } } } };
    app = await stack.startApp({ config: sending });
    await settle(app);
    assert.equal(stack.smtp.messages.length, 0);
  });
});
