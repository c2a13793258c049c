/**
 * What the unit hears when reading its file is given up (docs/limits.md), with the worker running
 * as a process (real Dovecot, Redis, SMTP capture and SQLite store):
 * - a reading past the sandbox's time limit (here 1 s, set by READ_TIMEOUT_SECONDS) is one
 *   correction request and a `file_refused` incident, and the next normal mail is acknowledged;
 * - a validate job whose process was killed twice is quarantined, and the unit still gets exactly
 *   one correction request saying its file could not be processed (a draft in `draft` mode).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { redisOptionsFromUrl } from '../../src/adapters/queues/redis-options.js';
import type { Store } from '../../src/adapters/store/store.js';
import * as hostile from '../hostile/hostile-inputs.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor, type RunningWorker } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { projectRoot } from '../support/worker-env.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const UNIT = '电气工程学院';

/** The worker stack and its store for one describe block, and the unit mail the tests send. */
function services(name: string, extraEnv: Record<string, string>, campaign: Record<string, unknown> = {}) {
  const s = {} as { stack: WorkerStack; store: Store; n: number };
  s.n = 0;
  before(async () => {
    s.stack = await startWorkerStack(name, {
      campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'], ...campaign },
      extraEnv: { REPLY_RETRY_SECONDS: '0.5', ...extraEnv },
    });
    s.store = await s.stack.openStore();
  });
  after(() => s.stack?.stop());
  const repliesTo = (address: string) => s.stack.repliesTo(address);
  return {
    s,
    repliesTo,
    start: (args: string[]) => s.stack.spawnWorker(['start', ...args]),
    send: async (filename: string, content: Buffer): Promise<string> => {
      const from = `unit${++s.n}@example.edu.cn`;
      const raw = await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: `<aborted-${s.n}@example.edu.cn>`, attachments: [{ filename, content }] });
      await s.stack.deliver(raw);
      return from;
    },
    replyTo: (from: string) => waitFor(`the reply to ${from}`, async () => (await repliesTo(from))[0], 120_000, 100),
  };
}

describe('a reading past the time limit, through the validate job', () => {
  const t = services('read-time', { READ_TIMEOUT_SECONDS: '1' });
  let worker: RunningWorker;
  before(async () => {
    worker = t.start([]);
    // One ordinary mail first: read well within the limit, even by a reading process that has just loaded.
    const first = await t.send('推荐表.xlsx', await recommendationForm(UNIT, [activity(1)]));
    assert.match((await t.replyTo(first)).subject ?? '', /^【回执】/);
  });

  it('a form that takes seconds to read → one correction request, a file_refused incident; the next mail is acknowledged', async () => {
    // 19,000 rows of 20 cells: within every sheet limit (380,000 cells), but seconds of exceljs.
    const slow = await t.send('推荐表.xlsx', await hostile.manyRows(19_000, 17));
    const good = await t.send('推荐表.xlsx', await recommendationForm(UNIT, [activity(1), activity(2)]));
    const correction = await t.replyTo(slow);
    assert.match(correction.subject ?? '', /^【修改通知】/);
    assert.match(correction.text ?? '', /附件“推荐表\.xlsx”表格过大或结构异常：读取时超出了时间上限，未能读取/);
    const incident = (await t.s.store.incidents.open()).find((i) => i.kind === 'file_refused');
    assert.ok(incident, 'the coordinator sees it in the digest');
    assert.match(incident.detail, /附件“推荐表\.xlsx”读取时超出时间上限，已请单位修改/);
    assert.match((await t.replyTo(good)).subject ?? '', /^【回执】/);
    assert.equal((await t.repliesTo(slow)).length, 1);
    assert.equal(worker.child.exitCode, null, `the worker is still the same process: ${worker.stderr()}`);
  });
});

/** A process that takes one validate job and dies running it, as the 16 KB bomb once made the worker. */
const LOCK_MS = 800;
const DYING_WORKER = `
import { Worker } from 'bullmq';
const url = new URL(process.env.REDIS_URL);
new Worker('validate', async () => { process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); },
  { connection: { host: url.hostname, port: Number(url.port) }, prefix: process.env.PREFIX, lockDuration: ${LOCK_MS}, maxStalledCount: 1 });
`;

for (const mode of ['send', 'draft'] as const) describe(`a validate job that killed its process twice (replies: ${mode})`, () => {
  const t = services(`quarantine-${mode}`, {}, { replies: { mode } });

  it(`is quarantined, and the unit's exactly one correction request saying its file could not be processed is ${mode === 'send' ? 'sent' : 'a draft'}`, async () => {
    // The mailbox is watched, mail ingested and replies sent; nobody validates yet.
    t.start(['--only', 'watcher,ingest,reply']);
    const from = await t.send('推荐表.xlsx', await recommendationForm(UNIT, [activity(1)]));
    const connection = redisOptionsFromUrl(t.s.stack.redis.url);
    const queue = new Queue('validate', { connection, prefix: t.s.stack.prefix });
    const job = await waitFor('the validate job', async () => (await queue.getJobs(['waiting']))[0], 60_000, 100);
    // Only the stall check of this worker runs: it never takes a job.
    const checker = new Worker('validate', null, { connection, prefix: t.s.stack.prefix, autorun: false, maxStalledCount: 1, lockDuration: LOCK_MS, stalledInterval: 300 });
    await checker.startStalledCheckTimer();
    for (let crash = 1; crash <= 2; crash++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', DYING_WORKER], { cwd: projectRoot, env: { ...process.env, REDIS_URL: t.s.stack.redis.url, PREFIX: t.s.stack.prefix }, stdio: 'ignore' });
      assert.equal(await new Promise((resolve) => child.once('exit', (_c, signal) => resolve(signal))), 'SIGKILL', `crash ${crash}`);
      await waitFor(`the job back in the queue after crash ${crash}`, async () => (await queue.getJob(job.id!))?.getState().then((s) => s === 'waiting'), 60_000, 100);
    }
    await checker.close();

    // The worker's validate role takes it a third time: quarantined, and the unit is answered.
    t.start(['--only', 'validate']);
    if (mode === 'draft') {
      const row = await waitFor('the draft', async () => (await t.s.store.db.selectFrom('outbox').selectAll().where('recipient', '=', from).execute()).find((r) => r.status === 'drafted'), 60_000, 100);
      assert.match(row.title, /^【修改通知】/);
      assert.equal((await t.s.store.outbox.commitmentsTo(from, '1970-01-01T00:00:00.000Z')).answered.length, 1);
      assert.equal((await t.repliesTo(from)).length, 0, 'nothing sent to the unit in draft mode');
      await queue.close();
      return;
    }
    const correction = await t.replyTo(from);
    assert.match(correction.subject ?? '', /^【修改通知】/);
    assert.match(correction.text ?? '', /附件“推荐表\.xlsx”表格过大或结构异常：读取时程序异常中止，未能读取/);
    const incident = await waitFor('the quarantine incident', async () => (await t.s.store.incidents.open()).find((i) => i.kind === 'job_failed'), 60_000, 100);
    assert.equal(incident.subject, `validate/${job.id}`);
    assert.match(incident.detail, /工作进程两次中断.*任务已隔离/);
    assert.equal(await (await queue.getJob(job.id!))?.getState(), 'failed', 'never run again');
    // Answered once: one reply in the outbox for this address, and nothing else went to the unit.
    assert.equal((await t.s.store.outbox.commitmentsTo(from, '1970-01-01T00:00:00.000Z')).answered.length, 1);
    assert.equal((await t.repliesTo(from)).length, 1);
    // The only other mail is the operators' alert of a job failed for good (to the coordinator: no operators set).
    const others = t.s.stack.smtp.messages.filter((m) => !m.envelope.rcptTo.includes(from));
    assert.deepEqual(others.map((m) => m.envelope.rcptTo), [['mywu@bjtu.edu.cn']]);
    await queue.close();
  });
});
