/**
 * Nothing is accepted without its form: a mail about a deliverable whose form was not found and
 * read (a photo of the printed form, the table pasted into the body, no attachment) is told what
 * arrived and asked for the .xlsx; the reply attaches the blank template (reply-job.ts). Pure.
 */
import type { Problem } from '../forms/problem.js';
import type { FormDefinition } from '../forms/types.js';
import { fileKind, type SubmittedAttachment } from '../recognition/index.js';

export const FORM_NOT_RECEIVED = 'form-not-received';

const FORM_NAMES: Record<string, string> = { recommendation: '推荐表（附件1）', report: '统计表（附件2）' };
const KIND_NAMES: Record<string, string> = { image: '图片', document: '文档', video: '视频', archive: '压缩包', workbook: '表格文件', unknown: '文件' };
/** A mail with dozens of photos is summed up, not listed. */
const MAX_NAMED_FILES = 5;

export function formNotReceived(def: FormDefinition, attachments: readonly SubmittedAttachment[]): Problem {
  const named = attachments.slice(0, MAX_NAMED_FILES).map((a) => `“${a.filename}”（${KIND_NAMES[fileKind(a.filename, a.sniffedType)] ?? '文件'}）`);
  const more = attachments.length > MAX_NAMED_FILES ? `等 ${attachments.length} 个附件` : '';
  const received = attachments.length === 0 ? '邮件正文，没有附件' : `附件${named.join('、')}${more}`;
  return {
    code: FORM_NOT_RECEIVED,
    severity: 'error',
    form: def.id,
    sheet: null,
    cell: null,
    column: null,
    value: null,
    message: `本邮件中没有可读取的${FORM_NAMES[def.id] ?? def.title}：收到的是${received}。请用本回信所附的空白模板“${def.templateFileName}”填写，以 .xlsx 文件作为附件发送（不要拍照、截图、转为 PDF 或粘贴在正文中）。`,
  };
}
