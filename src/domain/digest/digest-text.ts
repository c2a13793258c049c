/**
 * The digest's plain-text part (multipart/alternative, RFC 2046 §5.1.4): the same facts as the
 * HTML for clients that show text only, and for the coordinator's mail search. Outside text is
 * folded to one line so it cannot fake lines of the digest.
 */
import type { Urgency } from './board.js';
import { cellDetail, cellLabel, changeText } from './cell-text.js';
import type { DigestView } from './digest-view.js';
import { DELIVERABLE_SHORT_LABELS } from './labels.js';
import { oneLine } from './plain-text.js';
import { learnedAddressText } from './reply-mode-text.js';
import { unopenedText } from './unopened-text.js';
import { dueDay, fullDate, shortDateTime } from '../time/shanghai-time.js';

const GROUP_TITLES: Readonly<Record<Urgency, string>> = { attention: '需跟进', missing: '尚未提交', done: '已完成' };

export function renderDigestText(v: DigestView): string {
  const out: string[] = [];
  out.push(`${oneLine(v.campaign.name)} · 每日汇总 · ${fullDate(v.today)}`, '');
  out.push(`【回复方式】${v.replyMode}`, '');

  out.push('【进度】');
  for (const f of v.figures) {
    out.push(`${f.label}：已通过 ${f.done}/${f.total}，待处理 ${f.pending}，未提交 ${f.missing}${f.late ? `，其中逾期 ${f.late}` : ''}；${f.countdown}（${dueDay(f.due)}截止）`);
    const parts = [
      `已通过 ${f.accepted}`,
      `通过有提示 ${f.acceptedWithWarnings}`,
      `需修改 ${f.needsCorrection}`,
      `待您确认 ${f.held}`,
      `材料不全 ${f.incomplete}`,
      `未提交 ${f.missing}`,
    ];
    out.push(`  ${parts.join(' · ')}`);
  }
  out.push('');

  out.push(v.needsYou.length > 0 ? `【需要您处理】${v.needsYou.length} 项` : '【需要您处理】今天没有需要您处理的事项。');
  v.needsYou.forEach((n, i) => {
    out.push(`${i + 1}. [${n.label}] ${oneLine(n.subject)}`);
    out.push(`   ${oneLine(n.detail, 240)}`);
    out.push(`   ${shortDateTime(n.since)} 起 · ${n.action}`);
  });
  if (v.leftAloneLine) out.push(v.leftAloneLine);
  out.push('');

  out.push('【各单位情况】');
  let group: Urgency | null = null;
  for (const row of v.boardShown) {
    if (row.urgency !== group) {
      group = row.urgency;
      out.push(`— ${GROUP_TITLES[group]}（${v.board.filter((r) => r.urgency === group).length}）`);
    }
    const cells = row.cells.map((c) => {
      const detail = cellDetail(c);
      return `${DELIVERABLE_SHORT_LABELS[c.deliverable]} ${cellLabel(c)}${detail ? `（${detail}）` : ''}`;
    });
    out.push(`${oneLine(row.unit, 40)}：${cells.join('；')}`);
  }
  const hidden = v.board.length - v.boardShown.length;
  if (hidden > 0) out.push(`另有 ${hidden} 个单位未列出，详见附件汇总表。`);
  out.push('');

  const since = v.lastDigestAt ? `自 ${shortDateTime(v.lastDigestAt)} 上次汇总以来` : '首次汇总';
  out.push(v.changesShown.length > 0 ? `【新变化】${since}` : `【新变化】${since}，没有新的变化。`);
  for (const c of v.changesShown) out.push(`${shortDateTime(c.at)} ${oneLine(changeText(c))}`);
  if (v.changesHidden > 0) out.push(`另有 ${v.changesHidden} 条变化未列出。`);

  if (v.unopenedFiles.files > 0) out.push('', `【未打开的文件】${unopenedText(v)}`);

  if (v.remindersSentToday.length > 0) {
    out.push('', `【${v.remindersTitle}】${v.remindersSentToday.length} 个单位`);
    out.push(v.remindersSentToday.map((r) => `${oneLine(r.unit, 40)}（${DELIVERABLE_SHORT_LABELS[r.deliverable]}）`).join('、'));
  }
  if (v.learnedAddresses.length > 0) {
    out.push('', `【新记住的发件邮箱】${v.learnedAddresses.length} 个`);
    for (const l of v.learnedAddresses) out.push(oneLine(learnedAddressText(l)));
  }
  out.push('', '附件为各单位材料的合并汇总表（每张表一页，另有“汇总”页）。', `本邮件由收件工作程序于 ${shortDateTime(v.now)} 自动生成，时间均为北京时间。`);
  return `${out.join('\n')}\n`;
}
