/**
 * Queue: BullMQ bare (add with no options; a worker whose processor does nothing) against the
 * project's real `ingest` queue from defineQueue (payload checked on add and again in the worker,
 * content-derived job id, retry and retention options). Each trial has a Redis prefix of its own,
 * emptied when the trial ends; every key under the run's prefix is deleted at the end.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { ingestQueue } from '../src/adapters/queues/ingest-queue.js';
import { compareRates, elapsedMs, type Rates, type Trial } from './measure.js';

export interface QueueRates {
  add: Rates;
  worker1: Rates;
  worker50: Rates;
}

/** Resolves to null when Redis answers PING, else to the reason, so the run can skip these rows. */
export async function redisUnavailable(url: string): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return `Redis at ${url} not reachable (${(err as Error).message})`;
  } finally {
    client.disconnect();
  }
}

const payloadFor = (run: number, i: number): { messageId: string } => ({ messageId: `${(run + 1).toString(16).padStart(8, '0')}${i.toString(16).padStart(56, '0')}` });

/** Resolves once `count` jobs have completed on the worker. */
function completed(worker: Worker, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = 0;
    worker.on('completed', () => {
      if (++done === count) resolve();
    });
    worker.on('failed', (_job, err) => reject(err));
    worker.on('error', reject);
  });
}

export async function benchQueue(url: string, perRun: number, runs: number): Promise<QueueRates> {
  const u = new URL(url);
  const connection: ConnectionOptions = { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
  const base = `bench-${process.pid}-${randomBytes(4).toString('hex')}`;
  let trial = 0;
  const prefix = (): string => `${base}-${trial++}`;

  /** Opens a queue under a fresh prefix, runs the timed part, then empties and closes it. */
  const withQueue = async (timed: (queue: Queue, rt: { connection: ConnectionOptions; prefix: string }) => Promise<number>): Promise<number> => {
    const rt = { connection, prefix: prefix() };
    const queue = ingestQueue.open(rt);
    try {
      return await timed(queue, rt);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  };

  const addBare: Trial = (run) => withQueue((queue) => elapsedMs(async () => {
    for (let i = 0; i < perRun; i++) await queue.add(ingestQueue.name, payloadFor(run, i));
  }));
  const addOurs: Trial = (run) => withQueue((queue) => elapsedMs(async () => {
    for (let i = 0; i < perRun; i++) await ingestQueue.add(queue, payloadFor(run, i));
  }));

  /**
   * Fills a paused queue the way each side adds (not timed), starts the worker and waits until it
   * is connected, then times resume → the last job completed: the worker's start-up stays out.
   */
  const drain = (side: 'bare' | 'ours', concurrency: number): Trial => (run) => withQueue(async (queue, rt) => {
    await queue.pause();
    if (side === 'bare') await queue.addBulk(Array.from({ length: perRun }, (_, i) => ({ name: ingestQueue.name, data: payloadFor(run, i) })));
    else for (let i = 0; i < perRun; i++) await ingestQueue.add(queue, payloadFor(run, i));
    const worker = side === 'bare'
      ? new Worker(ingestQueue.name, async () => undefined, { connection: rt.connection, prefix: rt.prefix, concurrency })
      : ingestQueue.work(rt, async () => undefined, { concurrency });
    try {
      const done = completed(worker, perRun);
      await worker.waitUntilReady();
      return await elapsedMs(async () => {
        await queue.resume();
        await done;
      });
    } finally {
      await worker.close();
    }
  });

  try {
    return {
      add: await compareRates(perRun, runs, addBare, addOurs),
      worker1: await compareRates(perRun, runs, drain('bare', 1), drain('ours', 1)),
      worker50: await compareRates(perRun, runs, drain('bare', 50), drain('ours', 50)),
    };
  } finally {
    await deleteKeys(url, `${base}-*`);
  }
}

/** Deletes what obliterate may have left (a trial that threw, the workers' own keys). */
async function deleteKeys(url: string, pattern: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
