/**
 * The alert and recovery mails an operator reads, in Chinese (docs/operations.md lists every
 * alert and what to do). Plain text first: an alert is read on a phone, often in a hurry.
 */
import { shanghaiDateTime } from '../time/shanghai-time.js';
import type { AlertKind } from './alert-policy.js';

export interface AlertContext {
  /** The campaign's name, so an operator of several workers knows which one speaks. */
  campaign: string;
  mailbox: string;
  /** Minutes without a good intake round that count as a stall. */
  stallMinutes: number;
}

interface KindText {
  title: string;
  what(c: AlertContext): string;
  todo: string;
  recovered?: string;
}

const TEXT: Readonly<Record<AlertKind, KindText>> = {
  intake_stalled: {
    title: '收件中断',
    what: (c) => `工作程序已超过 ${c.stallMinutes} 分钟没有成功收取邮箱 ${c.mailbox} 的新邮件，各单位发来的材料目前无人处理。`,
    todo: '请检查 IMAP 服务器是否可达、邮箱密码是否过期（见 inbox-worker status 与 /readyz）。恢复后工作程序会自动补收，不会漏信。',
    recovered: '收件已恢复，期间到达的邮件会被依次补收处理。',
  },
  imap_auth: {
    title: '邮箱登录失败（IMAP）',
    what: (c) => `IMAP 服务器拒绝了邮箱 ${c.mailbox} 的用户名或密码，工作程序无法收信。`,
    todo: '请确认密码是否已修改或过期，更新环境变量 IMAP_PASS 后重启工作程序（docs/operations.md“更换密码”）。',
    recovered: 'IMAP 登录已恢复正常。',
  },
  smtp_auth: {
    title: '发信登录失败（SMTP）',
    what: () => 'SMTP 服务器拒绝了发信账号的用户名或密码，回执、修改通知和每日汇总都无法发出（已排队，恢复后自动发送）。',
    todo: '请更新环境变量 SMTP_PASS 后重启工作程序（docs/operations.md“更换密码”）。本邮件可能要等发信恢复后才能送达。',
    recovered: 'SMTP 登录已恢复正常，排队中的邮件将自动发出。',
  },
  job_failed: {
    title: '任务多次重试仍失败',
    what: () => '一个处理任务重试多次后仍然失败，已停止重试，相关邮件暂未处理。',
    todo: '运行 inbox-worker failed 查看原因与对应邮件，排除问题后运行 inbox-worker retry <编号> 或 retry --all 重新处理。',
  },
  reply_refused: {
    title: '回复被邮件服务器拒收',
    what: () => '发给单位的回执或修改通知被邮件服务器永久拒收，对方没有收到。',
    todo: '请核对该单位的邮箱地址；必要时人工联系对方。每日汇总的“需要您处理”中也会列出。',
  },
};

export interface ComposedAlert {
  subject: string;
  text: string;
}

export function composeAlert(kind: AlertKind, a: { since: string; detail: string; subject?: string }, c: AlertContext): ComposedAlert {
  const t = TEXT[kind];
  const lines = [
    `【${c.campaign}】工作程序告警：${t.title}`,
    '',
    t.what(c),
    '',
    `开始时间：${shanghaiDateTime(a.since)}（北京时间）`,
    ...(a.subject ? [`涉及：${a.subject}`] : []),
    `错误信息：${a.detail || '（无）'}`,
    '',
    `处理建议：${t.todo}`,
    '',
    '同类告警每小时最多发送一次；问题解除时会另发一封恢复通知。这是工作程序自动发出的邮件，请勿直接回复。',
  ];
  return { subject: `【告警】${t.title}（${c.campaign}）`, text: lines.join('\n') };
}

export function composeRecovery(kind: AlertKind, a: { since: string; recoveredAt: string }, c: AlertContext): ComposedAlert {
  const t = TEXT[kind];
  const lines = [
    `【${c.campaign}】工作程序恢复：${t.title}已解除`,
    '',
    t.recovered ?? '问题已解除。',
    '',
    `开始时间：${shanghaiDateTime(a.since)}（北京时间）`,
    `恢复时间：${shanghaiDateTime(a.recoveredAt)}（北京时间）`,
    '',
    '这是工作程序自动发出的邮件，请勿直接回复。',
  ];
  return { subject: `【已恢复】${t.title}（${c.campaign}）`, text: lines.join('\n') };
}
