/**
 * The operator's tools on the HTTP endpoint and the command line: /metrics as Prometheus reads it,
 * the queue dashboard behind the token, and failed work listed and run again.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { App } from '../../src/app/build-app.js';
import type { FailedItem } from '../../src/app/failed-work.js';
import { runWorkerCommand, waitFor } from '../support/run-worker.js';
import { unitMail } from '../support/worker-env.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const TOKEN = 'test-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${TOKEN}` };
const basic = { authorization: `Basic ${Buffer.from(`operator:${TOKEN}`).toString('base64')}` };

describe('operations: metrics, dashboard, failed work', () => {
  let stack: WorkerStack;
  let app: App;
  let base: string;

  before(async () => {
    stack = await startWorkerStack('endpoints', { campaign: { operators: ['ops@example.edu.cn'] }, extraEnv: { HTTP_ADDRESS: '127.0.0.1:0', HTTP_TOKEN: TOKEN } });
    app = await stack.startApp();
    base = `http://127.0.0.1:${app.operations.port()}`;
  });
  after(() => stack?.stop());

  const scrape = async () => {
    const res = await fetch(`${base}/metrics`, { headers: bearer });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    return parsePrometheusTextFormat(await res.text());
  };
  const sum = (families: ReturnType<typeof parsePrometheusTextFormat>, name: string, labels: Record<string, string> = {}) => {
    const family = families.find((f) => f.name === name);
    assert.ok(family, `${name} is exposed`);
    return family.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)).reduce((a, m) => a + Number(m.value ?? m.count ?? 0), 0);
  };

  it('/metrics parses as Prometheus text; counters move as a mail is processed; no label carries an address, subject or Message-ID', async () => {
    assert.equal((await fetch(`${base}/metrics`)).status, 401, 'the token is required');
    const before = await scrape();
    const takenBefore = sum(before, 'inbox_worker_messages_taken_total');
    const completedBefore = sum(before, 'inbox_worker_jobs', { queue: 'ingest', state: 'completed' });

    await stack.deliver(unitMail(1, { subject: 'metrics probe 实验', from: 'unit@example.edu.cn' }));
    await waitFor('the mail ingested', async () => (await app.store.messages.counts()).byState.ingested === 1, 30_000);
    // The job's count is read from Redis at the scrape, its duration recorded when the worker hears
    // it completed: a scrape may fall between the two, so both are waited for.
    const observed = (f: ReturnType<typeof parsePrometheusTextFormat>) => f.find((x) => x.name === 'inbox_worker_job_duration_seconds')?.metrics.some((m) => Number(m.buckets?.['+Inf'] ?? 0) >= 1) ?? false;
    const after = await waitFor('the ingest job counted and its duration observed', async () => {
      const f = await scrape();
      return sum(f, 'inbox_worker_jobs', { queue: 'ingest', state: 'completed' }) > completedBefore && observed(f) ? f : null;
    }, 30_000);

    assert.equal(sum(after, 'inbox_worker_messages_taken_total'), takenBefore + 1);
    const durations = after.find((f) => f.name === 'inbox_worker_job_duration_seconds');
    assert.equal(durations?.type, 'HISTOGRAM');
    assert.ok(sum(after, 'inbox_worker_intake_last_good_round_age_seconds') >= 0);
    assert.equal(sum(after, 'inbox_worker_imap_connected'), 1);
    for (const family of after) {
      assert.match(family.name, /^inbox_worker_/);
      if (family.type === 'COUNTER') assert.match(family.name, /_total$/);
      for (const m of family.metrics) {
        for (const value of Object.values(m.labels ?? {})) assert.doesNotMatch(value, /@|<|>|metrics probe|实验/, `${family.name} label ${value}`);
      }
    }
  });

  it('the queue dashboard is refused without the token and served with it (page, assets, queues API)', async () => {
    const refused = await fetch(`${base}/queues`);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic /);
    assert.equal((await fetch(`${base}/queues/api/queues`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401);

    const page = await fetch(`${base}/queues`, { headers: basic });
    assert.equal(page.status, 200);
    const html = await page.text();
    const asset = /src="([^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, 'the page loads its script');
    assert.equal((await fetch(new URL(asset, `${base}/queues/`), { headers: basic })).status, 200);
    const api = (await (await fetch(`${base}/queues/api/queues`, { headers: bearer })).json()) as { queues: { name: string }[] };
    assert.deepEqual(api.queues.map((q) => q.name).sort(), ['digest', 'ingest', 'reply', 'validate']);
  });

  it('a job that failed for good shows in `failed` with its mail; `retry` (CLI) and the dashboard run it again to completion', async () => {
    // An ingest job that ran before its message was in the store fails for good (one attempt).
    const ids = ['m901.test@example.edu.cn', 'm902.test@example.edu.cn'].map((mid) => createHash('sha256').update(`mid:${mid}`).digest('hex'));
    for (const id of ids) await app.queues.ingest.add('ingest', { messageId: id }, { jobId: `ingest-${id}`, attempts: 1 });
    await waitFor('both jobs failed', async () => (await app.queues.ingest.getFailedCount()) === 2, 30_000);
    // The messages arrive afterwards; the failed job ids stand, so nothing runs them by itself.
    for (const [n, mid] of [[901, 'm901.test@example.edu.cn'], [902, 'm902.test@example.edu.cn']] as const) {
      await stack.deliver(unitMail(n, { messageId: `<${mid}>`, subject: `失败重试 ${n}` }));
    }
    await waitFor('both stored', async () => (await Promise.all(ids.map((id) => app.store.messages.get(id)))).every(Boolean), 30_000);

    const listed = JSON.parse(await runWorkerCommand(['failed', '--json'], stack.env)) as FailedItem[];
    const first = listed.find((i) => i.id === `ingest-${ids[0]}`);
    assert.ok(first, 'the failed job is listed');
    assert.equal(first.queue, 'ingest');
    assert.match(first.reason, /is not in the store/);
    assert.equal(first.subject, '失败重试 901');
    assert.match(first.from ?? '', /unit@example\.edu\.cn/);
    assert.match(await runWorkerCommand(['failed'], stack.env), /失败重试 902/);

    assert.match(await runWorkerCommand(['retry', `ingest-${ids[0]}`], stack.env), /queued again/);
    const retried = await fetch(`${base}/queues/api/queues/ingest/ingest-${ids[1]}/retry`, { method: 'PUT', headers: bearer });
    assert.equal(retried.status, 204);
    await waitFor('both ingested', async () => (await Promise.all(ids.map((id) => app.store.messages.get(id)))).every((m) => m?.state === 'ingested'), 30_000);
    assert.equal(await app.queues.ingest.getFailedCount(), 0);
    assert.match(await runWorkerCommand(['failed'], stack.env), /no failed work/);

    // The operators heard of it once (at most one job_failed alert an hour, however many jobs).
    const alerts = await waitFor('the alert', async () => stack.smtp.messages.filter((m) => m.raw.toString().includes('X-Inbox-Worker')).length >= 1 && stack.smtp.messages, 30_000);
    const jobAlerts = alerts.filter((m) => m.envelope.rcptTo.includes('ops@example.edu.cn'));
    assert.equal(jobAlerts.length, 1);
  });
});
