/**
 * Opening a zip from a buffer within limits: list the central directory (yauzl) and refuse what
 * would inflate beyond the limits, before any byte is inflated; extract an entry, inflated no
 * further than its declared size (zip-part.ts), so a lying header cannot get past.
 */
import yauzl from 'yauzl';
import type { Problem } from '../../domain/forms/problem.js';
import { withDefaults, type ArchiveLimits } from '../../domain/files/archive-limits.js';
import { fileProblems } from '../../domain/files/file-problems.js';
import { decodeZipEntryName } from './zip-entry-name.js';
import { readPart, ZipSizeLie, type ZipPart } from './zip-part.js';

export interface ZipEntryInfo {
  /** Entry path as decoded (GBK names handled); metadata only, never a filesystem path. */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  isDirectory: boolean;
  isEncrypted: boolean;
}

/** Entries in the order of the central directory, each with where its bytes sit (zip-part.ts). */
export type ZipListing = { ok: true; entries: ZipPart[] } | { ok: false; problem: Problem };
export type ZipExtraction = { ok: true; bytes: Buffer } | { ok: false; problem: Problem };

const MB = 1000 * 1000;

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

/** Walks the central directory, calling `visit` per entry; `visit` returning a Problem stops the walk. Closes the zip. */
async function walk(zip: yauzl.ZipFile, visit: (info: ZipPart) => Problem | void): Promise<Problem | null> {
  try {
    return await new Promise<Problem | null>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve(null));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = decodeZipEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields);
        const info: ZipPart = {
          name, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize,
          isDirectory: name.endsWith('/'), isEncrypted: entry.isEncrypted(),
          localHeaderOffset: entry.relativeOffsetOfLocalHeader, compressionMethod: entry.compressionMethod,
        };
        const problem = visit(info);
        if (problem) resolve(problem); else zip.readEntry();
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
  const entries: ZipPart[] = [];
  let total = 0;
  try {
    const zip = await open(bytes);
    const count = zip.entryCount;
    if (count > l.maxEntries) {
      zip.close();
      return { ok: false, problem: fileProblems.tooLarge(fileName, `包含 ${count} 个文件（上限 ${l.maxEntries} 个）`) };
    }
    const problem = await walk(zip, (info) => {
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
  const part = listing.entries.find((e) => e.name === entryName);
  if (!part) throw new Error(`extractZipEntry: no entry named ${entryName}`);
  try {
    return { ok: true, bytes: await readPart(bytes, part) };
  } catch (err) {
    return { ok: false, problem: isSizeLie(err) ? fileProblems.tooLarge(fileName, `“${entryName}”的实际大小超过其声明的大小`) : fileProblems.corrupt(fileName) };
  }
}

/** An entry inflated to more than it declared (zip-part.ts). */
export function isSizeLie(err: unknown): boolean {
  return err instanceof ZipSizeLie;
}
