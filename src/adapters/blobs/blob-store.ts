/**
 * Content-addressed file store (SHA-256) for raw messages and attachments.
 * A blob is written to a temporary file while it is hashed, flushed to disk, then renamed into
 * place, so a crash leaves either nothing or a whole blob — never a partial one under its name.
 * File names from senders never reach this module: the hash is the only path.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** Streams into the store with backpressure; memory stays flat whatever the size. */
  putStream(source: NodeJS.ReadableStream): Promise<StoredBlob>;
  putBuffer(bytes: Buffer): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Buffer>;
  createReadStream(sha256: string, options?: { start?: number; end?: number }): Readable;
  pathOf(sha256: string): string;
  /** Deletes a blob (mail the worker must not keep); the caller checks nothing else uses it. */
  remove(sha256: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function createBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });

  const pathOf = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 blob id: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  const has = async (sha256: string): Promise<boolean> => {
    try {
      await fsp.access(pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  };

  // Shard folders made by this process: a new blob's folder is created once, not on every put.
  const made = new Set<string>();

  /** Moves a flushed temporary file under its hash (or drops it: the same bytes are there). */
  const settle = async (tmp: string, sha256: string): Promise<void> => {
    const target = pathOf(sha256);
    if (await has(sha256)) {
      await fsp.rm(tmp, { force: true });
      return;
    }
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      await fsp.mkdir(dir, { recursive: true });
      made.add(dir);
    }
    try {
      await fsp.rename(tmp, target);
    } catch (err) {
      // The folder went away under us (an operator restored the store): make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await fsp.mkdir(dir, { recursive: true });
      await fsp.rename(tmp, target);
    }
  };

  /**
   * Writes to a temporary file through one handle and flushes it before it is closed: the blob
   * is on disk before the caller marks the message taken in the mailbox (one open, not two).
   */
  const writeFlushed = async (write: (handle: fsp.FileHandle) => Promise<void>): Promise<string> => {
    const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    try {
      const handle = await fsp.open(tmp, 'w');
      try {
        await write(handle);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    return tmp;
  };

  const putStream = async (source: NodeJS.ReadableStream): Promise<StoredBlob> => {
    const hash = createHash('sha256');
    let size = 0;
    // Each chunk is written before the next is read: backpressure without a stream pipeline.
    // Leaving the loop early (the disk full) destroys the source, which aborts its download.
    // The source may fail while the file is being opened, before the loop listens: the loop
    // raises that error when it starts, and until then it must not go unheard.
    const heard = (): void => undefined;
    source.on('error', heard);
    let tmp: string;
    try {
      tmp = await writeFlushed(async (handle) => {
        for await (const chunk of source) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
          hash.update(bytes);
          size += bytes.length;
          await handle.write(bytes);
        }
      });
    } finally {
      source.removeListener('error', heard);
    }
    const sha256 = hash.digest('hex');
    await settle(tmp, sha256);
    return { sha256, size };
  };

  // A buffer in hand is hashed and written in one call each, without a stream.
  const putBuffer = async (bytes: Buffer): Promise<StoredBlob> => {
    const tmp = await writeFlushed((handle) => handle.writeFile(bytes));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await settle(tmp, sha256);
    return { sha256, size: bytes.length };
  };

  return {
    putStream,
    putBuffer,
    has,
    read: (sha256) => fsp.readFile(pathOf(sha256)),
    createReadStream: (sha256, options) => fs.createReadStream(pathOf(sha256), options),
    pathOf,
    remove: (sha256) => fsp.rm(pathOf(sha256), { force: true }),
  };
}
