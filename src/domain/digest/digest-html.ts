/**
 * The digest's HTML part: one column that reads on a phone, figures and the chart first, then
 * what needs the coordinator, then the board. Every value that a unit or a sender controls goes
 * through `safeHtml`; the campaign's own texts are escaped as well.
 */
import type { BoardRow, Urgency } from './board.js';
import { unopenedText } from './unopened-text.js';
import { cellDetail, cellLabel, changeText } from './cell-text.js';
import type { DigestView } from './digest-view.js';
import type { DeliverableFigures } from './figures.js';
import { chip, INK, LINE, muted, MUTED, page, section, tag } from './html-parts.js';
import { CHART_SEGMENTS, DELIVERABLE_SHORT_LABELS, rgbHex, SEGMENT_LABELS } from './labels.js';
import { escapeHtml, safeHtml } from './plain-text.js';
import { learnedAddressText } from './reply-mode-text.js';
import { chartLogicalSize, PROGRESS_CHART_CID, segmentCounts } from './chart-layout.js';
import { dueDay, fullDate, shortDateTime } from '../time/shanghai-time.js';

export function renderDigestHtml(v: DigestView): string {
  const rows = [header(v), figuresSection(v), needsYouSection(v), boardSection(v), changesSection(v), unopenedSection(v), remindersSection(v), learnedSection(v), footer(v)];
  return page(safeHtml(v.subject, 200), escapeHtml(preheader(v)), rows.filter(Boolean).join('\n'));
}

function preheader(v: DigestView): string {
  return v.figures.map((f) => `${f.label}${f.countdown}`).join('；');
}

function header(v: DigestView): string {
  const theme = v.campaign.theme ? `<div style="font-size:12px;color:${MUTED};margin-top:2px;">${safeHtml(v.campaign.theme)}</div>` : '';
  return (
    `<tr><td style="padding:18px 20px 12px 20px;">` +
    `<div style="font-size:13px;color:${MUTED};">每日汇总 · ${escapeHtml(fullDate(v.today))}</div>` +
    `<div style="font-size:19px;font-weight:bold;color:${INK};margin-top:4px;line-height:1.4;">${safeHtml(v.campaign.name)}</div>${theme}` +
    `<div style="font-size:13px;color:${INK};margin-top:8px;line-height:1.6;">${escapeHtml(v.replyMode)}</div></td></tr>`
  );
}

function figureCard(f: DeliverableFigures): string {
  const urgent = f.daysLeft <= 3 && f.done < f.total;
  const countdownColor = urgent ? '#b3261e' : MUTED;
  const breakdown = [
    f.needsCorrection ? `需修改 ${f.needsCorrection}` : '',
    f.incomplete ? `材料不全 ${f.incomplete}` : '',
    f.held ? `待确认 ${f.held}` : '',
    `未提交 ${f.missing}`,
    f.late ? `其中逾期 ${f.late}` : '',
  ].filter(Boolean);
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 10px 0;"><tr>` +
    `<td style="vertical-align:bottom;"><div style="font-size:14px;color:${INK};font-weight:bold;">${escapeHtml(f.label)}</div>` +
    `<div style="font-size:12px;color:${MUTED};">${safeHtml(f.title)}</div></td>` +
    `<td align="right" style="vertical-align:bottom;white-space:nowrap;"><span style="font-size:24px;font-weight:bold;color:#1e8e3e;">${f.done}</span>` +
    `<span style="font-size:14px;color:${MUTED};">/${f.total} 已通过</span></td></tr>` +
    `<tr><td colspan="2" style="font-size:13px;color:${INK};padding-top:2px;">` +
    `<span style="color:${countdownColor};font-weight:bold;">${escapeHtml(f.countdown)}</span> ${muted(`（${escapeHtml(dueDay(f.due))}截止）`)}<br>` +
    `${muted(escapeHtml(`待处理 ${f.pending}：${breakdown.join(' · ')}`), 13)}</td></tr></table>`
  );
}

function chartBlock(v: DigestView): string {
  const size = chartLogicalSize(v.figures.length);
  const alt = v.figures
    .map((f) => `${f.label}：${CHART_SEGMENTS.map((s) => `${SEGMENT_LABELS[s]}${segmentCounts(f)[s]}`).join('，')}`)
    .join('；');
  const legend = CHART_SEGMENTS.map(
    (s) => `<span style="white-space:nowrap;margin-right:10px;"><span style="display:inline-block;width:10px;height:10px;background:${rgbHex(s)};border-radius:2px;"></span> ${SEGMENT_LABELS[s]}</span>`,
  ).join(' ');
  const order = v.figures.length > 1 ? `图中自上而下：${v.figures.map((f) => f.label).join('、')}。` : '';
  return (
    `<img src="cid:${PROGRESS_CHART_CID}" width="${size.width}" height="${size.height}" alt="${escapeHtml(`进度图。${alt}`)}" ` +
    `style="display:block;width:100%;max-width:${size.width}px;height:auto;border:0;margin:4px 0 6px 0;">` +
    `<div style="font-size:12px;color:${MUTED};line-height:20px;">${escapeHtml(order)}${legend}</div>`
  );
}

function figuresSection(v: DigestView): string {
  return `<tr><td style="padding:4px 20px 14px 20px;">${v.figures.map(figureCard).join('')}${chartBlock(v)}</td></tr>`;
}

function needsYouSection(v: DigestView): string {
  const leftAlone = v.leftAloneLine ? `<div style="margin-top:8px;">${muted(escapeHtml(v.leftAloneLine), 12)}</div>` : '';
  if (v.needsYou.length === 0) return section('需要您处理', muted('今天没有需要您处理的事项。', 13) + leftAlone);
  const items = v.needsYou.map(
    (n) =>
      `<tr><td style="padding:8px 0;border-bottom:1px solid ${LINE};font-size:13px;line-height:1.5;">` +
      `${tag('#fce8e6', '#b3261e', escapeHtml(n.label))} <b>${safeHtml(n.subject)}</b><br>` +
      `${safeHtml(n.detail, 240)}<br>${muted(`${escapeHtml(shortDateTime(n.since))} 起 · ${escapeHtml(n.action)}`)}</td></tr>`,
  );
  const body = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${items.join('')}</table>`;
  return section(`需要您处理（${v.needsYou.length} 项）`, body + leftAlone);
}

const GROUP_TITLES: Readonly<Record<Urgency, string>> = { attention: '需跟进', missing: '尚未提交', done: '已完成' };

function boardSection(v: DigestView): string {
  const th = (t: string) => `<th align="left" style="padding:6px 4px;border-bottom:2px solid ${LINE};font-size:12px;color:${MUTED};font-weight:normal;">${t}</th>`;
  const head = `<tr>${th('单位')}${v.campaign.deliverables.map((d) => th(escapeHtml(DELIVERABLE_SHORT_LABELS[d.id]))).join('')}</tr>`;
  const columns = v.campaign.deliverables.length + 1;
  const body: string[] = [];
  let group: Urgency | null = null;
  for (const row of v.boardShown) {
    if (row.urgency !== group) {
      group = row.urgency;
      const count = v.board.filter((r) => r.urgency === group).length;
      body.push(`<tr><td colspan="${columns}" style="padding:10px 4px 2px 4px;font-size:12px;font-weight:bold;color:${INK};">${GROUP_TITLES[group]}（${count}）</td></tr>`);
    }
    body.push(boardRow(row));
  }
  const hidden = v.board.length - v.boardShown.length;
  const more = hidden > 0 ? `<div style="font-size:12px;color:${MUTED};padding-top:6px;">另有 ${hidden} 个单位未列出，详见附件汇总表。</div>` : '';
  const table = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${head}${body.join('')}</table>`;
  return section('各单位情况', table + more);
}

function boardRow(row: BoardRow): string {
  const td = (content: string) => `<td style="padding:6px 4px;border-bottom:1px solid ${LINE};vertical-align:top;font-size:13px;line-height:1.5;">${content}</td>`;
  const cells = row.cells.map((c) => {
    const detail = cellDetail(c);
    return td(chip(c.state, escapeHtml(cellLabel(c))) + (detail ? `<br>${muted(safeHtml(detail))}` : ''));
  });
  return `<tr>${td(safeHtml(row.unit, 40))}${cells.join('')}</tr>`;
}

function changesSection(v: DigestView): string {
  const since = v.lastDigestAt ? `自 ${escapeHtml(shortDateTime(v.lastDigestAt))} 上次汇总以来` : '首次汇总';
  if (v.changesShown.length === 0) return section('新变化', muted(`${since}，没有新的变化。`, 13));
  const lines = v.changesShown.map((c) => `<div style="font-size:13px;line-height:1.7;">${muted(escapeHtml(shortDateTime(c.at)))} ${safeHtml(changeText(c))}</div>`);
  const more = v.changesHidden > 0 ? `<div style="font-size:12px;color:${MUTED};">另有 ${v.changesHidden} 条变化未列出。</div>` : '';
  return section(`新变化（${since}）`, lines.join('') + more);
}

function unopenedSection(v: DigestView): string {
  if (v.unopenedFiles.files === 0) return '';
  return section('未打开的文件', `<div style="font-size:13px;line-height:1.7;">${escapeHtml(unopenedText(v))}</div>`);
}

function remindersSection(v: DigestView): string {
  if (v.remindersSentToday.length === 0) return '';
  const lines = v.remindersSentToday.map((r) => `${safeHtml(r.unit, 40)}（${escapeHtml(DELIVERABLE_SHORT_LABELS[r.deliverable])}）`);
  return section(`${escapeHtml(v.remindersTitle)}（${v.remindersSentToday.length} 个单位）`, `<div style="font-size:13px;line-height:1.7;">${lines.join('、')}</div>`);
}

function learnedSection(v: DigestView): string {
  if (v.learnedAddresses.length === 0) return '';
  const lines = v.learnedAddresses.map((l) => safeHtml(learnedAddressText(l), 200));
  return section(`新记住的发件邮箱（${v.learnedAddresses.length} 个）`, `<div style="font-size:13px;line-height:1.7;">${lines.join('<br>')}</div>`);
}

function footer(v: DigestView): string {
  return (
    `<tr><td style="padding:14px 20px 18px 20px;border-top:1px solid ${LINE};font-size:12px;color:${MUTED};line-height:1.6;">` +
    `附件为各单位材料的合并汇总表（每张表一页，另有“汇总”页）。<br>本邮件由收件工作程序于 ${escapeHtml(shortDateTime(v.now))} 自动生成，时间均为北京时间。</td></tr>`
  );
}
