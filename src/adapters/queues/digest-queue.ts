/**
 * `digest`: the coordinator's mail of the day, with the day's deadline reminders before it.
 * A BullMQ job scheduler makes one job at the configured time, Asia/Shanghai, however many
 * processes upsert it (one scheduler id, stored in Redis); the outbox's one row per day is the
 * real guard. Retries back off from a minute: a mail server that is down must not see a storm.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { Campaign } from '../../domain/campaign/campaign-schema.js';
import { defineQueue } from './define-queue.js';

export const digestQueue = defineQueue({
  name: 'digest',
  payload: z.object({ trigger: z.enum(['schedule', 'manual']), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
  // Scheduled jobs get their ids from BullMQ's scheduler; a manual one is one per day.
  jobId: (p) => `digest-${p.trigger}-${p.day ?? 'today'}`,
  attempts: 6,
  backoffMs: 60_000,
});

/** The scheduler's id: upserting it again (every start, every process) replaces, never adds. */
export const DAILY_DIGEST_SCHEDULER_ID = 'daily-digest';
export const DIGEST_TIME_ZONE = 'Asia/Shanghai';

/** `08:30` → `30 8 * * *` (minute hour, every day). */
export function digestCronPattern(time: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`digest time must be HH:MM, got “${time}”`);
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

/** Creates or updates the daily digest's scheduler from the campaign's `digest.time`. */
export async function scheduleDailyDigest(queue: Queue, campaign: Pick<Campaign, 'digest'>): Promise<{ pattern: string; tz: string }> {
  const pattern = digestCronPattern(campaign.digest.time);
  await queue.upsertJobScheduler(
    DAILY_DIGEST_SCHEDULER_ID,
    { pattern, tz: DIGEST_TIME_ZONE },
    {
      name: digestQueue.name,
      data: { trigger: 'schedule' },
      opts: {
        attempts: 6,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
        // Failed jobs stay until a person (or the next digest) has seen them.
        removeOnFail: false,
      },
    },
  );
  return { pattern, tz: DIGEST_TIME_ZONE };
}
