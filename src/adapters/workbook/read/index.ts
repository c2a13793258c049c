export { readWorkbook } from './read-workbook.js';
export { readCsv } from './read-csv.js';
export { READ_PROBLEM } from './read-problems.js';
export { HEADER_MATCH_SHARE } from '../../../domain/forms/sheet/header-band.js';
