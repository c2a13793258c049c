/**
 * Opening a zip from a buffer within limits: list the central directory and refuse what would
 * inflate beyond the limits, before any byte is inflated; extract an entry, with yauzl checking
 * that it inflates to no more than its declared size (so a lying header cannot get past).
 */
import yauzl from 'yauzl';
import type { Problem } from '../../domain/forms/problem.js';
import { withDefaults, type ArchiveLimits } from '../../domain/files/archive-limits.js';
import { fileProblems } from '../../domain/files/file-problems.js';
import { decodeZipEntryName } from './zip-entry-name.js';

export interface ZipEntryInfo {
  /** Entry path as decoded (GBK names handled); metadata only, never a filesystem path. */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  isDirectory: boolean;
  isEncrypted: boolean;
}

export type ZipListing = { ok: true; entries: ZipEntryInfo[] } | { ok: false; problem: Problem };
export type ZipExtraction = { ok: true; bytes: Buffer } | { ok: false; problem: Problem };

const MB = 1000 * 1000;

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

/** Walks the central directory, calling `visit` per entry; `visit` returning a Problem stops the walk. */
async function walk(bytes: Buffer, visit: (entry: yauzl.Entry, info: ZipEntryInfo, zip: yauzl.ZipFile) => Promise<Problem | 'stop' | void>): Promise<Problem | null> {
  const zip = await open(bytes);
  try {
    return await new Promise<Problem | null>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve(null));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = decodeZipEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields);
        const info: ZipEntryInfo = {
          name, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize,
          isDirectory: name.endsWith('/'), isEncrypted: entry.isEncrypted(),
        };
        visit(entry, info, zip).then((r) => (r === 'stop' ? resolve(null) : r ? resolve(r) : zip.readEntry()), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Lists the entries, refusing by declared sizes alone what would exceed the limits. */
export async function listZipArchive(bytes: Buffer, limits: Partial<ArchiveLimits> = {}, fileName = '压缩包'): Promise<ZipListing> {
  const l = withDefaults(limits);
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  try {
    const zip = await open(bytes);
    const count = zip.entryCount;
    zip.close();
    if (count > l.maxEntries) return { ok: false, problem: fileProblems.tooLarge(fileName, `包含 ${count} 个文件（上限 ${l.maxEntries} 个）`) };
    const problem = await walk(bytes, async (_entry, info) => {
      total += info.uncompressedSize;
      if (total > l.maxTotalUncompressedBytes) {
        return fileProblems.tooLarge(fileName, `超过 ${Math.round(l.maxTotalUncompressedBytes / MB)} MB（声明大小 ${Math.round(total / MB)} MB 以上）`);
      }
      const ratio = info.uncompressedSize / Math.max(info.compressedSize, 1);
      if (info.uncompressedSize >= l.ratioCheckFromBytes && ratio > l.maxCompressionRatio) {
        return fileProblems.tooLarge(fileName, `其中“${info.name}”的压缩比为 ${Math.round(ratio)} 倍（上限 ${l.maxCompressionRatio} 倍）`);
      }
      entries.push(info);
    });
    if (problem) return { ok: false, problem };
  } catch {
    return { ok: false, problem: fileProblems.corrupt(fileName) };
  }
  return { ok: true, entries };
}

/** Extracts one entry by name; lists (and so checks limits) first. */
export async function extractZipEntry(bytes: Buffer, entryName: string, limits: Partial<ArchiveLimits> = {}, fileName = '压缩包'): Promise<ZipExtraction> {
  const listing = await listZipArchive(bytes, limits, fileName);
  if (!listing.ok) return listing;
  let found: Buffer | null = null;
  try {
    await walk(bytes, async (entry, info, zip) => {
      if (info.name !== entryName) return;
      found = await inflate(zip, entry);
      return 'stop';
    });
  } catch (err) {
    return { ok: false, problem: isSizeLie(err) ? fileProblems.tooLarge(fileName, `“${entryName}”的实际大小超过其声明的大小`) : fileProblems.corrupt(fileName) };
  }
  if (!found) throw new Error(`extractZipEntry: no entry named ${entryName}`);
  return { ok: true, bytes: found };
}

/**
 * Inflates every entry and discards the bytes, so a zip whose headers under-declare sizes is
 * caught here rather than inside exceljs. Returns a problem, or null when all is as declared.
 */
export async function verifyZipInflates(bytes: Buffer, fileName: string): Promise<Problem | null> {
  try {
    return await walk(bytes, async (entry, info, zip) => {
      if (!info.isDirectory) await inflate(zip, entry, true);
    });
  } catch (err) {
    return isSizeLie(err) ? fileProblems.tooLarge(fileName, '的实际大小超过文件中声明的大小') : fileProblems.corrupt(fileName);
  }
}

/**
 * Streams the inflated bytes of each entry `select` picks to `consume`, in order; `consume`
 * returning true stops everything (the rest is never inflated). yauzl still checks each entry
 * against its declared size (a lie throws, see isSizeLie).
 */
export async function streamZipEntries(
  bytes: Buffer,
  select: (info: ZipEntryInfo) => boolean,
  consume: (info: ZipEntryInfo, chunk: Buffer) => boolean,
): Promise<void> {
  await walk(bytes, async (entry, info, zip) => {
    if (info.isDirectory || !select(info)) return;
    return new Promise<'stop' | void>((resolve, reject) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        stream.on('data', (c: Buffer) => {
          if (consume(info, c)) { stream.destroy(); resolve('stop'); }
        });
        stream.on('error', reject);
        stream.on('end', () => resolve());
      });
    });
  });
}

function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, discard = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => { if (!discard) chunks.push(c); });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** yauzl's validateEntrySizes error when an entry inflates to more than it declared. */
export function isSizeLie(err: unknown): boolean {
  return err instanceof Error && /too many bytes in the stream/i.test(err.message);
}
