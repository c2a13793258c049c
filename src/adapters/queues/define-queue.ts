/**
 * The shape every queue file in `src/adapters/queues/` follows (docs/architecture.md, "One queue, one file"): a name, a payload schema that is
 * checked when a job is added and again when it is consumed, a job-id rule derived from content,
 * and retry options. BullMQ's job id is the first guard against doing a thing twice; the
 * database's unique keys are the real one.
 */
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { z } from 'zod';

export interface QueueDefinition<S extends z.ZodType> {
  name: string;
  payload: S;
  /** Content-derived, stable id for a payload. BullMQ ids must not contain `:`. */
  jobId(payload: z.infer<S>): string;
  /** @defaultValue 8 attempts, exponential backoff from 2 s */
  attempts?: number;
  backoffMs?: number;
}

export interface QueueRuntime {
  connection: ConnectionOptions;
  /** Key prefix in Redis: one per deployment (and per test). */
  prefix: string;
}

export interface DefinedQueue<S extends z.ZodType> {
  name: string;
  open(rt: QueueRuntime): Queue;
  add(queue: Queue, payload: z.infer<S>, opts?: Pick<JobsOptions, 'delay' | 'priority' | 'backoff'>): Promise<void>;
  work(rt: QueueRuntime, handle: (payload: z.infer<S>, job: Job) => Promise<void>, opts?: { concurrency?: number }): Worker;
}

/** Completed jobs are kept a while so that an id offered again within that time is not re-run. */
const keepCompleted = { age: 7 * 24 * 3600, count: 50_000 };

export function defineQueue<S extends z.ZodType>(def: QueueDefinition<S>): DefinedQueue<S> {
  const jobOptions = (payload: z.infer<S>): JobsOptions => {
    const jobId = def.jobId(payload);
    if (jobId.includes(':')) throw new Error(`job id for ${def.name} must not contain ':' (${jobId})`);
    return {
      jobId,
      attempts: def.attempts ?? 8,
      backoff: { type: 'exponential', delay: def.backoffMs ?? 2000 },
      removeOnComplete: keepCompleted,
      // Failed jobs stay until a person (or the digest) has seen them.
      removeOnFail: false,
    };
  };

  return {
    name: def.name,
    open: (rt) => new Queue(def.name, { connection: rt.connection, prefix: rt.prefix }),
    async add(queue, payload, opts) {
      const checked = def.payload.parse(payload) as z.infer<S>;
      await queue.add(def.name, checked, { ...jobOptions(checked), ...opts });
    },
    work(rt, handle, opts) {
      return new Worker(
        def.name,
        async (job: Job) => {
          const parsed = def.payload.safeParse(job.data);
          // A payload that does not fit will never fit: retrying cannot help.
          if (!parsed.success) throw new UnrecoverableError(`invalid ${def.name} payload: ${parsed.error.message}`);
          await handle(parsed.data as z.infer<S>, job);
        },
        // A job whose process died while running it goes back to wait once; the second time it
        // is failed for good (quarantined), not retried forever (docs/limits.md).
        { connection: rt.connection, prefix: rt.prefix, concurrency: opts?.concurrency ?? 4, autorun: true, maxStalledCount: 1 },
      );
    },
  };
}
