export { buildMergedWorkbook, mergedWorkbookFileName, MERGED_WORKBOOK_MIME, writeMergedWorkbook } from './merged-workbook.js';
export type { MergedSubmissionRows, MergedWorkbookInput } from './merged-input.js';
export { SUMMARY_SHEET_NAME, summarizeUnits, statisticsColumns, type UnitSummary } from './summary-sheet.js';
export { META_COLUMNS } from './form-sheet.js';
export { MAX_CELL_CHARS } from './safe-cell.js';
