/**
 * A real putBlob for tests: streams into a temp file while hashing, then renames it to its
 * SHA-256, the way the product's blob store names blobs.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface BlobDir {
  root: string;
  putBlob: (stream: NodeJS.ReadableStream) => Promise<{ sha256: string; size: number }>;
  /** SHA-256 of the file stored under `sha256`, recomputed from disk. */
  hashOnDisk: (sha256: string) => Promise<string>;
  remove: () => Promise<void>;
}

export async function createBlobDir(): Promise<BlobDir> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'ingest-blobs-'));
  let counter = 0;
  const putBlob = async (stream: NodeJS.ReadableStream): Promise<{ sha256: string; size: number }> => {
    const hash = createHash('sha256');
    let size = 0;
    const tmp = path.join(root, `tmp-${counter++}`);
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(stream, hasher, fs.createWriteStream(tmp));
    const sha256 = hash.digest('hex');
    await fsp.rename(tmp, path.join(root, sha256));
    return { sha256, size };
  };
  const hashOnDisk = async (sha256: string): Promise<string> => {
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(path.join(root, sha256)), hash);
    return hash.digest('hex');
  };
  return { root, putBlob, hashOnDisk, remove: () => fsp.rm(root, { recursive: true, force: true }) };
}
