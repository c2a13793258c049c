/**
 * Leaving a mail alone: the coordinator's everyday and private mail is none of the worker's
 * business, so once it is judged unrelated to the call its raw copy and its attachments are
 * deleted and only what stops it being taken twice is kept (docs/relevance.md). Never held,
 * never answered, never in 需要您处理.
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { MessageRepo } from '../../adapters/store/message-repo.js';

export interface LeaveAloneDeps {
  messages: Pick<MessageRepo, 'recordUnrelated' | 'blobsInUse'>;
  blobs: Pick<BlobStore, 'remove'>;
  logger: Logger;
}

export async function leaveAlone(messageId: string, reason: string, deps: LeaveAloneDeps): Promise<void> {
  const blobs = await deps.messages.recordUnrelated(messageId, reason);
  await removeUnused(blobs, deps);
  deps.logger.info({ messageKey: messageId, removedBlobs: blobs.length }, 'unrelated to the call: left alone, not kept');
}

/**
 * Blobs are content-addressed and may be shared (a unit forwarding the same file): one is removed
 * only when no kept message, attachment or outgoing mail uses it.
 */
export async function removeUnused(shas: readonly string[], deps: Omit<LeaveAloneDeps, 'logger'>): Promise<void> {
  const inUse = await deps.messages.blobsInUse(shas);
  for (const sha of shas) if (!inUse.has(sha)) await deps.blobs.remove(sha);
}
