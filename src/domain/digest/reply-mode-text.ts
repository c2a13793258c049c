/**
 * The digest's lines about how replies leave (`replies.mode`) and what the worker learned: the
 * coordinator must always know whether units are being answered, and by whom. Pure.
 */
import type { ReplyMode } from '../campaign/campaign-schema.js';
import type { LearnedAddress } from '../recognition/learned-addresses.js';

export function replyModeText(mode: ReplyMode, draftsWaiting: number | null | undefined): string {
  // Drafts written while in draft mode stay hers after a switch: the worker never sends them.
  const leftOver = draftsWaiting ? `草稿箱中还有 ${draftsWaiting} 封以前写下的回信草稿，程序不会代发，请您处理。` : '';
  if (mode === 'send') return `自动发送：回执、修改通知和截止提醒由程序直接发给各单位。${leftOver}`;
  if (mode === 'off') return `只检查不回复：程序只检查材料、在汇总中报告，不给各单位回信，也不写草稿。${leftOver}`;
  const waiting =
    draftsWaiting === null || draftsWaiting === undefined
      ? '今天未能读取草稿箱，待发送的草稿数暂不清楚。'
      : draftsWaiting === 0
        ? '草稿箱中没有待您发送的回信。'
        : `草稿箱中有 ${draftsWaiting} 封回信待您检查后发送。`;
  return `草稿模式：回执、修改通知和截止提醒写入邮箱的“草稿箱”，由您检查、修改后自行发送；程序不直接发给单位。${waiting}`;
}

/** The title of the reminders section: in draft mode they wait in Drafts, not yet sent. */
export function remindersTitle(mode: ReplyMode): string {
  return mode === 'draft' ? '今日提醒（已写入草稿箱）' : '今日已发提醒';
}

export function learnedAddressText(l: LearnedAddress): string {
  return `${l.address} → ${l.unit}（您已将该邮箱的来信归到这个单位，今后自动识别）`;
}
