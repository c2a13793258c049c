export { inspectWorkbookFile, openWorkbookFile, type FileInspection, type InspectOptions, type OpenedWorkbook } from './inspect-workbook-file.js';
export { listZipArchive, extractZipEntry, type ZipEntryInfo, type ZipListing, type ZipExtraction } from './zip-archive.js';
export { decodeZipEntryName } from './zip-entry-name.js';
export { readCfbDirectory, classifyCfb, type CfbEntry, type CfbKind } from '../../domain/files/cfb-directory.js';
export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../../domain/files/archive-limits.js';
export { FILE_PROBLEM, fileProblems } from '../../domain/files/file-problems.js';
