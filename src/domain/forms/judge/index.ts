/** Judging a read form: typed rows and problems (see judge-form.ts); the message registry for replies and docs. */
export { judgeForm } from './judge-form.js';
export { judgeWorkbook } from './judge-workbook.js';
export { compareRecommendedWithReported, normalizeActivityName } from './compare-activities.js';
export { problemMessages, renderMessage, type JudgeProblemCode, type MessageParams } from './messages.js';
export { parseDateCell, parseDateText, type DateParse } from './parse-date.js';
export { parseIntegerCell, parseIntegerText, type IntegerParse } from './parse-integer.js';
export { parsePhoneText, isPhoneNumber, type PhoneParse } from './parse-phone.js';
export { parseEmailText } from './parse-email.js';
export { parseUrlsCell, isHttpUrl, type UrlsParse } from './parse-urls.js';
export { matchOption } from './match-option.js';
