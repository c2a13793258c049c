/**
 * Content-addressed file store (SHA-256) for raw messages and attachments.
 * A blob is written to a temporary file while it is hashed, flushed to disk, then renamed into
 * place and its folder flushed, so a crash leaves either nothing or a whole blob — never a partial
 * one under its name — and a blob whose put has resolved is on the disk under its name, even if
 * the machine fails next (src/adapters/disk/flush-to-disk.ts).
 * File names from senders never reach this module: the hash is the only path.
 *
 * Opening, writing, closing and renaming are synchronous calls: each is a page-cache operation of
 * microseconds, and handing each to libuv's thread pool and back (the promise API) cost about
 * three times the CPU of the calls themselves. The flushes are the calls that wait for the
 * disk, so only they go to the thread pool, and the event loop runs on meanwhile
 * (docs/architecture.md, "The blob store's file calls").
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { flushFd, flushPath, flushPathSync } from '../disk/flush-to-disk.js';

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
  /**
   * Removes the temporary files that no put is writing any more, and says how many: a process
   * stopped in the middle of a put (killed, the machine failed) leaves its file in `tmp/`, never
   * under a hash. A put writes its file and settles it within seconds of its last byte, so a file
   * untouched for `idleMs` (by the machine's clock, as the file's times are) belongs to no live
   * put, whichever of the processes sharing the store made it.
   */
  sweepAbandoned(idleMs?: number): number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Blobs up to this size are read in one call when read as a stream (createReadStream). */
const WHOLE_READ_BYTES = 256 * 1024;
/** A temporary file untouched this long is a stopped put's (sweepAbandoned). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Blobs live in 256 folders named by their hash's first two hex digits (`ab/abcd…`), made (and the
 * root flushed) when the store is opened. A put then flushes its file and its folder, two flushes,
 * never more: each flush costs the worker ~0.3–1 ms of the kernel's CPU on this kind of disk
 * (docs/architecture.md, "The blob store's layout"). Stores written until 6 December 2026 also
 * hold blobs two levels down (`ab/cd/abcd…`); those are still found where they are.
 */
const FOLDERS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  let madeFolders = false;
  for (const name of FOLDERS) {
    if (fs.mkdirSync(path.join(root, name), { recursive: true }) !== undefined) madeFolders = true;
  }
  // Once, before the store takes its first blob: the folders' names are entries in the root.
  if (madeFolders) flushPathSync(root);

  const checked = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 blob id: ${sha256}`);
    return sha256;
  };
  /** Where a blob is put. */
  const pathOf = (sha256: string): string => path.join(root, checked(sha256).slice(0, 2), sha256);
  /** Where a store written before the one-level layout put it. */
  const olderPathOf = (sha256: string): string => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  /** Where a blob is found: its place, else its older place; a missing blob's errors name its place. */
  const locate = (sha256: string): string => {
    const file = pathOf(sha256);
    if (fs.existsSync(file)) return file;
    const older = olderPathOf(sha256);
    return fs.existsSync(older) ? older : file;
  };

  /**
   * Moves a flushed temporary file under its hash, and flushes the folder that now names it. The
   * same bytes may be there already: the rename replaces them with themselves (a reader holding
   * the old file keeps reading it).
   */
  const settle = async (tmp: string, sha256: string): Promise<void> => {
    const target = pathOf(sha256);
    const folder = path.dirname(target);
    try {
      fs.renameSync(tmp, target);
    } catch (err) {
      // An operator removed the blob's folder since the store was opened.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      fs.mkdirSync(folder, { recursive: true });
      fs.renameSync(tmp, target);
      // The folder is a name in the root again: the blob is found only if that lasts too.
      await flushPath(root);
    }
    await flushPath(folder);
  };

  /** A temporary file that is removed unless it is settled under its hash. */
  const openTemporary = (): { tmp: string; fd: number } => {
    const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    return { tmp, fd: fs.openSync(tmp, 'w') };
  };

  /** Flushes and closes the file (the blob is on disk before the caller marks the message taken), then names it. */
  const finish = async (tmp: string, fd: number, sha256: string): Promise<void> => {
    try {
      await flushFd(fd);
    } finally {
      fs.closeSync(fd);
    }
    await settle(tmp, sha256);
  };

  const abandon = (tmp: string, fd: number | null): void => {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
  };

  const writeAll = (fd: number, bytes: Uint8Array): void => {
    for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at);
  };

  const putStream = async (source: NodeJS.ReadableStream): Promise<StoredBlob> => {
    const hash = createHash('sha256');
    let size = 0;
    // Each chunk is written before the next is read: backpressure without a stream pipeline.
    // Leaving the loop early (the disk full) destroys the source, which aborts its download.
    const { tmp, fd } = openTemporary();
    let open: number | null = fd;
    try {
      for await (const chunk of source) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        hash.update(bytes);
        size += bytes.length;
        writeAll(fd, bytes);
      }
      const sha256 = hash.digest('hex');
      open = null;
      await finish(tmp, fd, sha256);
      return { sha256, size };
    } catch (err) {
      abandon(tmp, open);
      throw err;
    }
  };

  // A buffer in hand is hashed and written in one call each, without a stream.
  const putBuffer = async (bytes: Buffer): Promise<StoredBlob> => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { tmp, fd } = openTemporary();
    let open: number | null = fd;
    try {
      writeAll(fd, bytes);
      open = null;
      await finish(tmp, fd, sha256);
    } catch (err) {
      abandon(tmp, open);
      throw err;
    }
    return { sha256, size: bytes.length };
  };

  return {
    putStream,
    putBuffer,
    has: async (sha256) => {
      try {
        return fs.existsSync(locate(sha256));
      } catch {
        return false;
      }
    },
    read: async (sha256) => fs.readFileSync(locate(sha256)),
    createReadStream: (sha256, options) => {
      const file = locate(sha256);
      // Most mail is a few dozen KB: read whole in one call rather than in five thread-pool trips.
      // A large blob (or a range of one) streams, so memory stays flat whatever its size; a
      // missing one fails on the stream, as a streamed read does.
      if (!options) {
        try {
          if (fs.statSync(file).size <= WHOLE_READ_BYTES) return Readable.from([fs.readFileSync(file)]);
        } catch {
          // The stream below reports it.
        }
      }
      return fs.createReadStream(file, options);
    },
    pathOf,
    remove: async (sha256) => {
      fs.rmSync(pathOf(sha256), { force: true });
      fs.rmSync(olderPathOf(sha256), { force: true });
    },
    sweepAbandoned: (idleMs = ABANDONED_AFTER_MS) => {
      let removed = 0;
      for (const name of fs.readdirSync(tmpDir)) {
        const file = path.join(tmpDir, name);
        try {
          if (Date.now() - fs.statSync(file).mtimeMs < idleMs) continue;
          fs.rmSync(file, { force: true });
          removed++;
        } catch {
          // Settled or removed by its put meanwhile.
        }
      }
      return removed;
    },
  };
}
