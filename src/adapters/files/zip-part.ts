/**
 * Inflating one part of a zip straight from the file's bytes, never past its declared size
 * (docs/limits.md). The central directory was read and held to the archive limits first
 * (zip-archive.ts); here a part's data is found from its local header and inflated:
 * - a part of at most SYNC_INFLATE_MAX_BYTES declared is inflated in one call, with zlib's own
 *   `maxOutputLength` set to the declared size, so a lying header stops zlib at that size;
 * - a larger part streams through an inflater that counts its bytes and stops at the declared
 *   size, so a hostile part is measured with bounded memory and given up at its first breach.
 * One call is ~10× cheaper than a stream per part for a form's 15–30 KB parts (the stream's
 * set-up and per-chunk events were ~11 % of a reading process's time), and the same guard holds:
 * every part's real size is its declared size or it is refused.
 */
import zlib from 'node:zlib';
import type { ZipEntryInfo } from './zip-archive.js';

/** Where a part's bytes sit and how they are packed (from the central directory). */
export interface ZipPart extends ZipEntryInfo {
  /** Offset of the part's local header in the file. */
  localHeaderOffset: number;
  /** 0 stored, 8 deflated; anything else is refused as damaged, as yauzl and exceljs would. */
  compressionMethod: number;
}

/** Parts up to this declared size are inflated in one call (a form's parts are 1–100 KB). */
export const SYNC_INFLATE_MAX_BYTES = 4 * 1024 * 1024;

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const STORED = 0;
const DEFLATED = 8;

/** A part inflates to more than its header declares: the bomb guard's refusal. */
export class ZipSizeLie extends Error {
  constructor(name: string, declared: number) {
    super(`zip part ${name} inflates to more than its declared ${declared} bytes`);
    this.name = 'ZipSizeLie';
  }
}

/** The part's packed bytes, as a view of `bytes`; throws when the headers do not hold together. */
function packedBytes(bytes: Buffer, part: ZipPart): Buffer {
  if (part.isEncrypted) throw new Error(`zip part ${part.name} is encrypted`);
  if (part.compressionMethod !== STORED && part.compressionMethod !== DEFLATED) {
    throw new Error(`zip part ${part.name}: unsupported compression method ${part.compressionMethod}`);
  }
  const at = part.localHeaderOffset;
  if (at + LOCAL_HEADER_BYTES > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER_SIGNATURE) {
    throw new Error(`zip part ${part.name}: invalid local file header`);
  }
  const start = at + LOCAL_HEADER_BYTES + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + part.compressedSize > bytes.length) throw new Error(`zip part ${part.name}: data overflows the file`);
  return bytes.subarray(start, start + part.compressedSize);
}

/**
 * The part's inflated bytes (a view of `bytes` when stored). Throws ZipSizeLie past the declared
 * size, another error when the part is damaged or shorter than declared.
 */
export function inflatePart(bytes: Buffer, part: ZipPart): Buffer {
  const packed = packedBytes(bytes, part);
  if (part.compressionMethod === STORED) {
    if (part.compressedSize !== part.uncompressedSize) throw new Error(`zip part ${part.name}: stored sizes differ`);
    return packed;
  }
  let out: Buffer;
  try {
    // maxOutputLength must be at least 1: an empty part is allowed one byte, and checked below.
    out = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, part.uncompressedSize) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipSizeLie(part.name, part.uncompressedSize);
    throw err;
  }
  if (out.length > part.uncompressedSize) throw new ZipSizeLie(part.name, part.uncompressedSize);
  if (out.length < part.uncompressedSize) throw new Error(`zip part ${part.name}: shorter than declared`);
  return out;
}

/**
 * Streams the part's inflated bytes to `consume` in chunks, holding none of them; `consume`
 * returning true stops the inflating there. Rejects with ZipSizeLie at the first byte past the
 * declared size, with another error when the part is damaged or shorter than declared.
 */
export function streamPart(bytes: Buffer, part: ZipPart, consume: (chunk: Buffer) => boolean): Promise<void> {
  const packed = packedBytes(bytes, part);
  if (part.compressionMethod === STORED) {
    if (part.compressedSize !== part.uncompressedSize) return Promise.reject(new Error(`zip part ${part.name}: stored sizes differ`));
    for (let i = 0; i < packed.length; i += 64 * 1024) if (consume(packed.subarray(i, i + 64 * 1024))) break;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    let seen = 0;
    let done = false;
    const settle = (err: Error | null): void => {
      if (done) return;
      done = true;
      inflater.destroy();
      if (err) reject(err); else resolve();
    };
    inflater.on('data', (chunk: Buffer) => {
      if (done) return;
      seen += chunk.length;
      if (seen > part.uncompressedSize) return settle(new ZipSizeLie(part.name, part.uncompressedSize));
      if (consume(chunk)) settle(null);
    });
    inflater.on('error', (err) => settle(err));
    inflater.on('end', () => settle(seen < part.uncompressedSize ? new Error(`zip part ${part.name}: shorter than declared`) : null));
    inflater.end(packed);
  });
}

/** The part's inflated bytes: in one call when small, else streamed and gathered (zlib works on its own threads, off the JavaScript thread). */
export async function readPart(bytes: Buffer, part: ZipPart): Promise<Buffer> {
  if (part.uncompressedSize <= SYNC_INFLATE_MAX_BYTES) return inflatePart(bytes, part);
  const chunks: Buffer[] = [];
  await streamPart(bytes, part, (chunk) => { chunks.push(chunk); return false; });
  return Buffer.concat(chunks);
}
