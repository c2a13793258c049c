/**
 * Waiting for the disk. A write is in the page cache when the call returns; only a flush
 * (fsync) puts it on the disk, where it survives a crash of the machine (power, kernel), not only
 * of the process. A file's new name is an entry in its folder, so a renamed file is on the disk
 * under that name once the folder is flushed too. Each flush runs on libuv's thread pool: the
 * event loop goes on while the disk works (docs/architecture.md, "What a crash of the machine
 * keeps"). Opening and closing the file or folder to flush it are page-cache calls of
 * microseconds, made synchronously like the blob store's own (docs/architecture.md, "The blob
 * store's file calls"): sent to the thread pool too, each was a round trip of its own.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';

const fsync = promisify(fs.fsync);

/** Flushes an open file's written bytes. */
export const flushFd = (fd: number): Promise<void> => fsync(fd);

/**
 * Flushes a file or a folder by its path. `missingOk`: a file that is not there has nothing to
 * flush (SQLite removes its write-ahead log when the last connection closes).
 */
export async function flushPath(target: string, options: { missingOk?: boolean } = {}): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(target, 'r');
  } catch (err) {
    if (options.missingOk && (err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    await fsync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a file or a folder by its path, blocking: for a store being opened, before any work. */
export function flushPathSync(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
