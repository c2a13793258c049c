/**
 * `reply`: answer one judged mail (acknowledgement or correction request). One job per mail;
 * the outbox's unique (purpose, subject) key is the real guard against a second reply.
 * Retries back off from 30 s: a mail server that is down for a while must not see a storm.
 */
import { z } from 'zod';
import { defineQueue } from './define-queue.js';

export const replyQueue = defineQueue({
  name: 'reply',
  payload: z
    .object({
      messageId: z.string().regex(/^[0-9a-f]{64}$/),
      /** Set when something new calls for an answer to an already judged mail (a coordinator's decision). */
      trigger: z.string().regex(/^[0-9a-f]{1,64}$/).optional(),
    })
    .strict(),
  jobId: (p) => (p.trigger ? `reply-${p.messageId}-${p.trigger}` : `reply-${p.messageId}`),
  attempts: 10,
  backoffMs: 30_000,
});
