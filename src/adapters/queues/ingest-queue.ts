/**
 * `ingest`: parse a stored raw message, record its attachments and classification.
 * One job per stored message; the id is the message id (a hash of its Message-ID or raw bytes).
 */
import { z } from 'zod';
import { defineQueue } from './define-queue.js';

export const ingestQueue = defineQueue({
  name: 'ingest',
  payload: z.object({ messageId: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  jobId: (p) => `ingest-${p.messageId}`,
  attempts: 8,
  backoffMs: 2000,
});

export type IngestPayload = { messageId: string };
