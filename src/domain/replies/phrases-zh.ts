/** The Chinese reply: what units read by default. Polite, plain, and precise about what to do. */
import type { FileRole } from '../recognition/file-role.js';
import { REPORT_PART_LABELS } from '../recognition/report-parts.js';
import { someNames } from './name-list.js';
import type { ChangeCounts, Phrases } from './phrases.js';

const ROLE: Readonly<Record<FileRole, string>> = {
  form: '表格',
  summary: '总结材料',
  media_photo_video: '影像资料',
  press: '媒体报道资料',
  other: '其他文件',
};

const join = (items: readonly string[]): string => items.join('、');
const names = (list: readonly string[]): string => someNames(list, 10, join, (n) => ` 等（另有 ${n} 项）`);

function changes(c: ChangeCounts, previous: number): string {
  const parts: string[] = [];
  if (c.fixed > 0) parts.push(`已修正 ${c.fixed} 处问题`);
  if (c.newProblems > 0) parts.push(`新发现 ${c.newProblems} 处问题`);
  if (c.rowsAdded.length > 0) parts.push(`新增 ${c.rowsAdded.length} 行（${names(c.rowsAdded)}）`);
  if (c.rowsRemoved.length > 0) parts.push(`删除 ${c.rowsRemoved.length} 行（${names(c.rowsRemoved)}）`);
  if (parts.length === 0) return `与上一版（第 ${previous} 版）相比，表格中的活动和检查出的问题均没有变化。`;
  return `与上一版（第 ${previous} 版）相比：${parts.join('，')}。`;
}

export const zhPhrases: Phrases = {
  subject: (kind, unit, what, needsFixing, reference) =>
    kind === 'acknowledgement'
      ? `【回执】${unit} ${what} 已收到 [${reference}]`
      : `【修改通知】${unit} ${what} ${needsFixing ? '需修改' : '需补充'} [${reference}]`,
  deliverableShort: (id) => (id === 'recommendation' ? '推荐表' : '统计表及材料'),
  nothingShort: '材料',
  join,
  sentenceGap: '',
  greeting: (unit) => `${unit}：`,
  received: (time, reference, version) =>
    `您好！我们已收到贵单位于 ${time} 发送的材料（提交编号 ${reference}${version > 1 ? `，第 ${version} 版` : ''}）。`,
  verdict: (kind) =>
    kind === 'acknowledgement'
      ? '经系统检查，材料已接收登记，具体情况如下。'
      : '经系统检查，材料还需要修改或补充，具体如下。请按文末的方法修改后重新发送。',
  filesHeading: '收到的文件',
  linksHeading: '收到的下载链接',
  noFiles: '邮件中没有附件。',
  role: (role) => ROLE[role],
  paren: (text) => `（${text}）`,
  status: (status) =>
    ({
      accepted: { label: '已接收', tone: 'ok' as const },
      accepted_with_warnings: { label: '已接收（有建议修改之处，见下）', tone: 'ok' as const },
      needs_correction: { label: '需要修改', tone: 'error' as const },
      incomplete: { label: '材料不全，需要补充', tone: 'warn' as const },
    })[status],
  statusSentence: (label) => `检查结果：${label}。`,
  activities: (count) => (count > 0 ? `共读取到 ${count} 项活动。` : '未读取到活动。'),
  late: (due, time) =>
    `本项材料的截止日期为 ${due}，贵单位于 ${time} 发送，已超过截止时间。我们照常接收并登记，感谢贵单位的支持与配合！`,
  errorsHeading: '需要修改（修改后才能通过）：',
  warningsHeading: '建议修改（不影响接收，请核对）：',
  omitted: (count, annotated) =>
    `另有 ${count} 处问题未在邮件中列出，${annotated ? '附件中的标注表格已标出全部问题' : '请参照上面列出的问题逐行核对全表'}。`,
  missingParts: (labels) =>
    `还缺少：${join(labels)}。请直接回复本邮件补充发送；已收到的材料会保留，不必重复发送。`,
  reportPart: (part) => REPORT_PART_LABELS[part],
  notReported: '以下活动填写在推荐表中，但没有出现在统计表里（仅供核对，如未举办无需处理）：',
  mailProblemsHeading: '邮件与附件',
  nothingFound: '我们没有在邮件中找到推荐表、统计表或相关材料。请确认已添加附件后，直接回复本邮件重新发送。',
  changes,
  annotated: (files) =>
    `附件「${join(files)}」是贵单位表格的副本：需要修改的单元格标为红色，建议修改的标为黄色，每个单元格都附有批注说明（鼠标移到单元格上即可看到）。`,
  resubmit: (kind) =>
    kind === 'correction_request'
      ? '修改方法：请在贵单位原来的表格中修改以上内容（不要使用附件中的标注副本），然后直接回复本邮件，附上修改后的完整文件（.xlsx），无需另发新邮件。系统以最新一次发送的材料为准，并会再次回复检查结果。'
      : '如需更新材料，请直接回复本邮件并附上新的完整文件，系统以最新一次发送的材料为准。',
  problemsLanguageNote: null,
  footer: (name, address, reference) =>
    `本邮件由系统自动发送。回复时请保留邮件标题中的编号 [${reference}]。如有疑问，请联系 ${name}（${address}）。`,
  signature: (campaign) => `${campaign} 材料收集组`,
};
