/** The attachment sinks the MIME benchmark hands to parseStoredMessage. */
import { createHash } from 'node:crypto';
import type { PutBlob } from '../src/adapters/mime/parse-stored-message.js';

/** Hashes and drops the bytes: the parse alone, with no disk. */
export const hashAndDiscard: PutBlob = async (stream) => {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
};

/** Keeps the bytes by hash in memory, so the whole-submission benchmark can read the form next. */
export function memoryBlobs(): { putBlob: PutBlob; get(sha256: string): Buffer | undefined; clear(): void } {
  const blobs = new Map<string, Buffer>();
  return {
    async putBlob(stream) {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      blobs.set(sha256, bytes);
      return { sha256, size: bytes.length };
    },
    get: (sha256) => blobs.get(sha256),
    clear: () => blobs.clear(),
  };
}
