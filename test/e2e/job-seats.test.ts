/**
 * Two worker processes on a machine with one job seat (src/adapters/redis/job-seat.ts): one takes
 * the queued jobs, the other stands by, and when the first is killed the second answers the next
 * mails; when the first stalls past its lease, the second takes the seat and the first, resumed,
 * closes its queue workers. Real processes, Redis, Dovecot and SMTP capture; every mail gets
 * exactly one reply.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Store } from '../../src/adapters/store/store.js';
import { freePort } from '../harness/free-port.js';
import { unitMailWith } from '../support/mail-builder.js';
import { runWorkerCommand, spawnWorker, waitFor, type RunningWorker } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const STAGES = ['ingest', 'validate', 'reply'] as const;

describe('two processes, one job seat on the machine', () => {
  let stack: WorkerStack;
  let store: Store;
  let connections: Redis[];
  let queues: Queue[];

  before(async () => {
    stack = await startWorkerStack('job-seats', {
      campaign: { allowedSenderDomains: ['example.edu.cn'] },
      extraEnv: { JOB_PROCESSES_PER_MACHINE: '1', LOG_LEVEL: 'info' },
    });
    store = await stack.openStore();
    connections = STAGES.map(() => new Redis(stack.redis.url));
    queues = STAGES.map((name, i) => new Queue(name, { connection: connections[i]!, prefix: stack.prefix }));
  });
  after(async () => {
    await Promise.all(queues.map((q) => q.close()));
    // BullMQ leaves a connection it was handed open.
    for (const c of connections) c.disconnect();
    await stack?.stop();
  });

  /** Stores and queues mails numbered `from`..`to`, each from its own unit office. */
  async function queueMails(from: number, to: number): Promise<void> {
    const dir = path.join(stack.dir, `mails-${from}`);
    fs.mkdirSync(dir);
    const form = await recommendationForm('计算机科学与技术学院', [activity(1)]);
    for (let n = from; n <= to; n++) {
      const raw = await unitMailWith({ from: `office${n}@example.edu.cn`, subject: `计算机学院 推荐表 ${n}`, messageId: `<seat-${n}@example.edu.cn>`, attachments: [{ filename: '推荐表.xlsx', content: form }] });
      fs.writeFileSync(path.join(dir, `${n}.eml`), raw);
    }
    await runWorkerCommand(['import', dir], stack.env);
  }

  const sentReplies = async () => (await store.db.selectFrom('outbox').select(['status']).where('purpose', '=', 'reply').execute()).filter((r) => r.status === 'sent').length;
  /** A process started with an HTTP endpoint of its own, and what its /metrics says of its seat. */
  async function startProcess(): Promise<{ worker: RunningWorker; seatHeld(): Promise<string | undefined> }> {
    const port = await freePort();
    const worker = spawnWorker(['start', '--only', STAGES.join(',')], { ...stack.env, HTTP_ADDRESS: `127.0.0.1:${port}` });
    const seatHeld = async () => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
      return /^inbox_worker_job_seat_held (\d)$/m.exec(text)?.[1];
    };
    return { worker, seatHeld };
  }

  /** Processes whose queue workers are connected, for each stage's queue. */
  const takers = async () => Promise.all(queues.map(async (q) => (await q.getWorkers()).length));

  it('the first takes the jobs, the second stands by; the first killed → the second answers the next mails, one reply each', async () => {
    await queueMails(1, 3);
    const first = await startProcess();
    let second: Awaited<ReturnType<typeof startProcess>> | null = null;
    try {
      await waitFor('the first process to take jobs', async () => (await takers()).every((n) => n === 1), 60_000, 100);
      second = await startProcess();
      await waitFor('three replies', async () => (await sentReplies()) === 3, 120_000);
      await waitFor('the second process to say it stands by', async () => second!.worker.stderr().includes('every job seat of this machine is taken'), 60_000, 100);
      assert.deepEqual(await takers(), [1, 1, 1], 'one process takes each stage’s jobs; the other stands by');
      assert.deepEqual([await first.seatHeld(), await second.seatHeld()], ['1', '0'], 'each process’s /metrics says whether it holds a seat');

      first.worker.child.kill('SIGKILL');
      await first.worker.exited;
      await queueMails(4, 5);
      await waitFor('the standby to answer the mails queued after the kill', async () => (await sentReplies()) === 5, 120_000);
      assert.deepEqual(await takers(), [1, 1, 1], 'the standby took the seat; the killed process is gone');
      assert.equal(await second.seatHeld(), '1');
      assert.equal(stack.smtp.messages.length, 5, 'one reply for each of the five mails');
      assert.deepEqual(new Set(stack.smtp.messages.map((m) => m.envelope.rcptTo.join())).size, 5);
    } finally {
      first.worker.child.kill('SIGKILL');
      second?.worker.child.kill('SIGTERM');
      await Promise.all([first.worker.exited, second?.worker.exited]);
    }
  });
  it('the holder stalls past its lease → the standby takes the seat, and the holder, resumed, closes its queue workers', async () => {
    const repliesBefore = await sentReplies();
    const mailsBefore = stack.smtp.messages.length;
    const holder = await startProcess();
    let standby: Awaited<ReturnType<typeof startProcess>> | null = null;
    try {
      await waitFor('the holder to take jobs', async () => (await holder.seatHeld()) === '1' && (await takers()).every((n) => n === 1), 60_000, 100);
      standby = await startProcess();
      await waitFor('the standby to stand by', async () => standby!.worker.stderr().includes('every job seat of this machine is taken'), 60_000, 100);

      // Frozen past its 15 s lease: the standby finds the seat free and takes it.
      holder.worker.child.kill('SIGSTOP');
      await waitFor('the standby to take the seat', async () => (await standby!.seatHeld()) === '1', 40_000, 200);
      holder.worker.child.kill('SIGCONT');
      await waitFor('the resumed holder to give the seat up', async () => holder.worker.stderr().includes('another process took this job seat'), 30_000, 100);
      await waitFor('the resumed holder to close its queue workers', async () => (await takers()).every((n) => n === 1), 30_000, 100);
      assert.equal(await holder.seatHeld(), '0', 'its /metrics says it holds no seat');

      await queueMails(11, 12);
      await waitFor('the new holder to answer two more mails', async () => (await sentReplies()) === repliesBefore + 2, 120_000);
      assert.equal(stack.smtp.messages.length, mailsBefore + 2, 'one reply for each of the two mails');
      assert.ok(!holder.worker.stderr().includes('took a job seat: taking queued jobs', holder.worker.stderr().indexOf('another process took this job seat')), 'the former holder stands by from then on');
    } finally {
      holder.worker.child.kill('SIGCONT');
      holder.worker.child.kill('SIGTERM');
      standby?.worker.child.kill('SIGTERM');
      await Promise.all([holder.worker.exited, standby?.worker.exited]);
    }
  });
});
