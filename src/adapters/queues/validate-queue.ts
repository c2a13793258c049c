/**
 * `validate`: judge an ingested submission mail — unit, deliverables, every form cell by cell —
 * and record a version per deliverable. One job per message; the store's (message, deliverable)
 * key makes a re-run change nothing.
 */
import { z } from 'zod';
import { defineQueue } from './define-queue.js';

export const validateQueue = defineQueue({
  name: 'validate',
  payload: z.object({ messageId: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  jobId: (p) => `validate-${p.messageId}`,
  attempts: 6,
  backoffMs: 2000,
});
