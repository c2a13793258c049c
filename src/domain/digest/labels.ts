/**
 * The coordinator's words for every state, kind and deliverable, and the colours they wear in
 * the digest's chips and chart. One table, so the HTML, the text and the chart never disagree.
 */
import type { DeliverableId } from '../campaign/campaign-schema.js';
import type { NeedsYouKind, SubmissionStatus } from './digest-input.js';

/** Short names that fit a phone's subject line; the campaign's titles are the long forms. */
export const DELIVERABLE_SHORT_LABELS: Readonly<Record<DeliverableId, string>> = {
  recommendation: '推荐表',
  report: '统计表',
};

export const STATUS_LABELS: Readonly<Record<SubmissionStatus, string>> = {
  accepted: '已通过',
  accepted_with_warnings: '已通过（有提示）',
  needs_correction: '需修改',
  incomplete: '材料不全',
  held: '待您确认',
};

/** A board cell: a submission status, `late` (accepted, but after the deadline) or `missing`. */
export type CellState = SubmissionStatus | 'late' | 'missing';

export interface Chip {
  background: string;
  color: string;
}

export const CHIP_COLORS: Readonly<Record<CellState, Chip>> = {
  accepted: { background: '#e6f4ea', color: '#137333' },
  accepted_with_warnings: { background: '#fef7e0', color: '#7a5200' },
  late: { background: '#e8eaf6', color: '#283593' },
  needs_correction: { background: '#fce8e6', color: '#b3261e' },
  incomplete: { background: '#fff0e0', color: '#9a4a00' },
  held: { background: '#f3e8fd', color: '#6a1b9a' },
  missing: { background: '#f1f3f4', color: '#5f6368' },
};

/** Segments of a progress bar, left to right: done first, missing last. */
export type ChartSegment = 'accepted' | 'accepted_with_warnings' | 'needs_correction' | 'held' | 'incomplete' | 'missing';

export const CHART_SEGMENTS: readonly ChartSegment[] = ['accepted', 'accepted_with_warnings', 'needs_correction', 'held', 'incomplete', 'missing'];

/** Bar colours as RGB; distinct in hue and in lightness, so they also part for colour-blind eyes. */
export const SEGMENT_RGB: Readonly<Record<ChartSegment, readonly [number, number, number]>> = {
  accepted: [0x1e, 0x8e, 0x3e],
  accepted_with_warnings: [0xf9, 0xab, 0x00],
  needs_correction: [0xd9, 0x30, 0x25],
  held: [0x8e, 0x24, 0xaa],
  incomplete: [0xfa, 0x7b, 0x17],
  missing: [0xda, 0xdc, 0xe0],
};

export const SEGMENT_LABELS: Readonly<Record<ChartSegment, string>> = {
  accepted: '已通过',
  accepted_with_warnings: '通过有提示',
  needs_correction: '需修改',
  held: '待您确认',
  incomplete: '材料不全',
  missing: '未提交',
};

export function rgbHex(segment: ChartSegment): string {
  return `#${SEGMENT_RGB[segment].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

export const NEEDS_YOU_LABELS: Readonly<Record<NeedsYouKind, { label: string; action: string }>> = {
  intake_stall: { label: '收件中断', action: '工作程序已一段时间未收到新邮件，请联系运维检查邮箱连接。' },
  login_failed: { label: '邮箱登录失败', action: '邮件服务器拒绝了工作程序的密码，收信或发信已停止，请联系运维更新密码。' },
  suspected_forgery: { label: '疑似冒名邮件', action: '发件人身份验证未通过，请核实后再处理，未自动回复。' },
  conflict: { label: '单位不一致', action: '发件地址与表内单位不符，请确认是哪个单位提交的。' },
  held: { label: '待确认的提交', action: '请确认单位后放行，或告知对方重新发送。' },
  unknown_sender: { label: '未知发件人', action: '无法识别所属单位，请确认并补充到单位名单。' },
  hard_bounce: { label: '退信', action: '回复未能送达，请核对该单位的邮箱地址。' },
  send_uncertain: { label: '可能未发出', action: '发送时进程中断，无法确认对方是否收到；为避免重复未自动重发。副本在草稿箱，请向对方确认，未收到则从草稿箱发送。' },
  job_failed: { label: '处理失败', action: '多次重试仍失败，请联系运维查看。' },
  unreadable: { label: '无法读取的附件', action: '附件无法打开，已请单位重发；如反复出现请人工查看。' },
  rate_limited: { label: '发信受限', action: '邮件服务器限制了发信频率，部分回复推迟发送。' },
  question: { label: '单位来信询问', action: '单位回复回执或修改通知时提出了问题，程序未自动回复，请您直接答复。' },
};

/** Most pressing first: nothing arrives at all, then doubts about who sent what, then delivery. */
export const NEEDS_YOU_ORDER: readonly NeedsYouKind[] = [
  'intake_stall',
  'login_failed',
  'suspected_forgery',
  'conflict',
  'held',
  'unknown_sender',
  'question',
  'hard_bounce',
  'send_uncertain',
  'job_failed',
  'unreadable',
  'rate_limited',
];

/** `还剩 3 天` / `今天截止` / `已截止 2 天`, counted in Asia/Shanghai calendar days. */
export function countdownText(daysLeft: number): string {
  if (daysLeft > 0) return `还剩 ${daysLeft} 天`;
  if (daysLeft === 0) return '今天截止';
  return `已截止 ${-daysLeft} 天`;
}
