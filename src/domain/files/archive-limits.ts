/**
 * Bounds on what an archive may expand to before anything inflates it. exceljs's `xlsx.load`
 * inflates every part with no limit (docs/library-notes.md, "exceljs: no limit on decompressed size"), so a 40 KB "form" can claim gigabytes.
 */
export interface ArchiveLimits {
  /** Most entries in one zip. @defaultValue 2000 (a real form has ~10–30). */
  maxEntries: number;
  /** Most total uncompressed bytes, as declared and as really inflated. @defaultValue 100 MB */
  maxTotalUncompressedBytes: number;
  /** Highest uncompressed/compressed ratio of one entry. @defaultValue 200 */
  maxCompressionRatio: number;
  /**
   * Entries smaller than this are exempt from the ratio check: a few KB of repeated XML may
   * compress 300× and is harmless. @defaultValue 1 MiB
   */
  ratioCheckFromBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxEntries: 2000,
  maxTotalUncompressedBytes: 100 * 1000 * 1000,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 1024 * 1024,
});

export function withDefaults(limits: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
}
