/**
 * The reminder a unit receives a few days before a deadline: short, polite, and specific about
 * what is still owed. Pure; the caller addresses it and sends it.
 */
import type { Campaign } from '../campaign/campaign-schema.js';
import { DELIVERABLE_SHORT_LABELS } from './labels.js';
import { escapeHtml, oneLine } from './plain-text.js';
import type { PlannedReminder } from './reminders.js';
import { fullDate, monthDay } from '../time/shanghai-time.js';

export interface ComposedReminder {
  subject: string;
  text: string;
  html: string;
}

export function composeReminder(campaign: Campaign, reminder: PlannedReminder): ComposedReminder {
  const deliverable = campaign.deliverables.find((d) => d.id === reminder.deliverable);
  const title = deliverable?.title ?? DELIVERABLE_SHORT_LABELS[reminder.deliverable];
  const short = DELIVERABLE_SHORT_LABELS[reminder.deliverable];
  const when = reminder.daysLeft === 0 ? '今天截止' : `将于${monthDay(reminder.dueDate)}截止`;
  const subject = `【温馨提醒】${short}${when} — ${oneLine(campaign.name, 60)}`;

  const countdown = reminder.daysLeft === 0 ? '今天即为截止日' : `距截止还有 ${reminder.daysLeft} 天`;
  const paragraphs = [
    `您好！${campaign.name}${title}的提交截止日期为 ${fullDate(reminder.dueDate)}，当天 24 时前发送均为按时，${countdown}。`,
    owed(reminder, title),
    `请将材料发送至 ${campaign.mailbox.address}，也可以直接回复本邮件。如您近日已经发出，请忽略本提醒。`,
    '感谢您的支持与配合！',
  ];
  const greeting = `${oneLine(reminder.unit, 40)}负责老师：`;
  const signature = [campaign.coordinator.name, fullDate(reminder.sentOn)];

  const text = [greeting, '', ...paragraphs.flatMap((p) => [p, '']), ...signature].join('\n') + '\n';
  const p = (t: string, extra = '') => `<p style="margin:0 0 12px 0;${extra}">${escapeHtml(t)}</p>`;
  const html =
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:16px;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:15px;line-height:1.7;color:#202124;">` +
    `<div style="max-width:600px;">${p(greeting)}${paragraphs.map((t) => p(t)).join('')}` +
    `${p(signature.join('\n'), 'white-space:pre-line;color:#5f6368;')}</div></body></html>`;
  return { subject, text, html };
}

function owed(reminder: PlannedReminder, title: string): string {
  switch (reminder.reason) {
    case 'missing':
      return `截至目前，我们尚未收到贵单位的${title}，烦请在截止日期前发送。`;
    case 'incomplete':
      return `贵单位已发送的材料我们已收到，目前还缺少：${reminder.missingParts.join('、') || '部分必需材料'}，烦请补充发送（补发时无需重复发送已收到的材料）。`;
    case 'needs_correction':
      return '贵单位发送的材料还有需要修改之处（详见此前的修改通知邮件），烦请修改后重新发送。';
  }
}
