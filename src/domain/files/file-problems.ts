/**
 * The problems a file can have before any sheet is read. Each message tells the unit what to do
 * next, since the reply quotes it as is. Codes are stable: replies group by them, tests name them.
 */
import type { Problem } from '../forms/problem.js';

export const FILE_PROBLEM = {
  empty: 'file-empty',
  legacyXls: 'file-legacy-xls',
  wpsEt: 'file-wps-et',
  encrypted: 'file-encrypted',
  otherOffice: 'file-other-office',
  corrupt: 'file-corrupt',
  notWorkbook: 'file-not-workbook',
  wrongType: 'file-wrong-type',
  tooLarge: 'file-too-large',
  otherSpreadsheet: 'file-other-spreadsheet',
  archiveNotZip: 'file-archive-not-zip',
  /** A sheet past a named limit of docs/limits.md (sheet-limits.ts builds the message). */
  tooBig: 'file-sheet-too-big',
  /** The sandboxed reading ran out of memory or time, or its process died (docs/limits.md). */
  readingAborted: 'file-reading-aborted',
} as const;

function fileProblem(code: string, fileName: string, message: string): Problem {
  return { code, severity: 'error', form: null, sheet: null, cell: null, column: null, value: fileName, message };
}

const SAVE_AS_XLSX = '请在 Excel 或 WPS 中打开，选择“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，然后重新发送。';

export const fileProblems = {
  empty: (f: string) =>
    fileProblem(FILE_PROBLEM.empty, f, `附件“${f}”是空文件（0 字节），可能没有上传成功。请重新添加附件后发送。`),
  legacyXls: (f: string) =>
    fileProblem(FILE_PROBLEM.legacyXls, f, `附件“${f}”是旧版 Excel 97-2003 格式（.xls），无法自动读取。${SAVE_AS_XLSX}`),
  wpsEt: (f: string) =>
    fileProblem(FILE_PROBLEM.wpsEt, f, `附件“${f}”是 WPS 表格格式（.et），无法自动读取。请在 WPS 中选择“文件 → 另存为”，文件类型选“Microsoft Excel 文件（*.xlsx）”，然后重新发送。`),
  encrypted: (f: string) =>
    fileProblem(FILE_PROBLEM.encrypted, f, `附件“${f}”设置了打开密码，无法读取。请取消密码保护（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码；WPS：文件 → 文档加密 → 密码加密，清空密码），保存为 .xlsx 后重新发送。`),
  otherOffice: (f: string, what: string) =>
    fileProblem(FILE_PROBLEM.otherOffice, f, `附件“${f}”是${what}，不是 Excel 表格。请使用通知所附的 .xlsx 模板填写后重新发送。`),
  corrupt: (f: string) =>
    fileProblem(FILE_PROBLEM.corrupt, f, `附件“${f}”已损坏，无法打开（可能发送时不完整）。请确认文件在本机能正常打开，重新保存为 .xlsx 后再发送。`),
  notWorkbook: (f: string, what: string) =>
    fileProblem(FILE_PROBLEM.notWorkbook, f, `附件“${f}”的内容是${what}，不是 Excel 工作簿。请使用通知所附的 .xlsx 模板填写后重新发送。`),
  wrongType: (f: string, what: string) =>
    fileProblem(FILE_PROBLEM.wrongType, f, `附件“${f}”实际是${what}，不是 Excel 表格，无法读取其中的数据。请发送用模板填写的 .xlsx 原文件（不要转换为 PDF、图片或截图）。`),
  otherSpreadsheet: (f: string, what: string) =>
    fileProblem(FILE_PROBLEM.otherSpreadsheet, f, `附件“${f}”是${what}，无法自动读取。${SAVE_AS_XLSX}`),
  archiveNotZip: (f: string, what: string) =>
    fileProblem(FILE_PROBLEM.archiveNotZip, f, `附件“${f}”是${what}，无法自动打开（只能读取 .zip 压缩包）。请把其中的表格和材料直接作为附件发送，或重新压缩为 .zip 格式后发送。`),
  tooLarge: (f: string, detail: string) =>
    fileProblem(FILE_PROBLEM.tooLarge, f, `附件“${f}”解压后${detail}，不像正常的表格文件，为安全起见未打开。请检查文件内容，重新保存为 .xlsx 后再发送；如确需发送大量材料，请分多封邮件发送。`),
  readingAborted: (f: string, why: 'memory' | 'time' | 'crash') =>
    fileProblem(FILE_PROBLEM.readingAborted, f, `附件“${f}”表格过大或结构异常：读取时${READING_LIMIT[why]}，未能读取。请删除表格以外多余的行、列和内容，只保留表格本身，重新保存为 .xlsx 后再发送；如活动确实很多，请拆分成几个文件分别发送。`),
};

const READING_LIMIT: Readonly<Record<'memory' | 'time' | 'crash', string>> = {
  memory: '超出了内存上限',
  time: '超出了时间上限',
  crash: '程序异常中止',
};

/** How a sniffed type is named to a person. */
export const TYPE_NAMES: Record<string, string> = {
  pdf: 'PDF 文件', jpeg: '图片（JPG）', png: '图片（PNG）', gif: '图片（GIF）', heic: '图片（HEIC）',
  mp4: '视频文件', mov: '视频文件', rar: 'RAR 压缩包', '7z': '7z 压缩包', gzip: 'gzip 压缩包',
  rtf: 'RTF 文档', html: '网页文件（HTML）', text: '纯文本文件', unknown: '无法识别的文件',
};
