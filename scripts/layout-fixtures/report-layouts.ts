/**
 * 统计表 layouts as units draw them: a two-row header (活动时间 over 开始日期 / 结束日期, 参与人次 over
 * 线下 / 线上, 媒体报道 over 篇数 / 链接), a three-row one with section rows and 小计 rows, and the
 * same with errors a unit makes. Columns A–N: 序号 名称 类别 形式 开始 结束 地点 场次 线下 线上
 * 科技工作者 篇数 链接 备注.
 */
import { D, type LayoutCell, type LayoutSpec } from './layout-spec.js';

const TITLE = '2025年全国科技活动周和全国科技工作者日活动开展情况统计表';
const LINKS_2 = 'https://news.example.edu.cn/2025/0527.html\nhttps://mp.example.com/s/abc123';

type Activity = LayoutCell[];
const bridge = (seq: number): Activity => [seq, '桥梁模型设计大赛', '群众实践', '线下', D('2025-05-10'), D('2025-05-11'), '土建楼', 2, 320, 0, 12, 1, 'https://news.example.edu.cn/2025/0512.html', null];
const lecture = (seq: number): Activity => [seq, '绿色建筑科普讲座', '成果科普', '线上线下', D('2025-05-26'), D('2025-05-26'), '逸夫楼；腾讯会议', 1, 150, 600, 5, 2, LINKS_2, null];
const forum = (seq: number): Activity => [seq, '科技工作者日座谈会', '政策宣传', '线下', D('2025-05-30'), D('2025-05-30'), '学院会议室', 1, 40, 0, 35, 0, null, null];

const blank = (n = 14): LayoutCell[] => Array<LayoutCell>(n).fill(null);
const at = (cells: Record<number, LayoutCell>, n = 14): LayoutCell[] => blank(n).map((_, i) => cells[i] ?? null);

/** Rows 1–5: title, header block with values two cells right of their labels, the two header rows. */
const twoRowTop: LayoutCell[][] = [
  at({ 0: TITLE }),
  at({ 0: '填报单位：', 2: '土木建筑工程学院', 7: '联系人：', 9: '陈老师' }),
  at({ 0: '联系电话：', 2: '136 0000 2222' }),
  at({ 0: '序号', 1: '活动名称', 2: '活动类别', 3: '活动形式', 4: '活动时间', 6: '活动地点', 7: '场次', 8: '参与人次', 10: '参与科技工作者人数', 11: '媒体报道', 13: '备注' }),
  at({ 4: '开始日期', 5: '结束日期', 8: '线下', 9: '线上', 11: '篇数', 12: '链接' }),
];
const twoRowMerges = ['A1:N1', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:F4', 'G4:G5', 'H4:H5', 'I4:J4', 'K4:K5', 'L4:M4', 'N4:N5'];
const tableFoot = (offline: number): LayoutCell[][] => [
  at({ 0: '合计', 7: 4, 8: offline, 9: 600, 10: 52, 11: 3 }),
  at({ 0: '注：1. 参与人次按实际到场及线上观看人次填写；2. 媒体报道请附链接。' }),
  at({ 0: '填表人：陈老师', 4: '审核人：李主任', 9: '日期：2025年6月12日' }),
];
const footMerges = (totalsRow: number): string[] => [`A${totalsRow}:G${totalsRow}`, `A${totalsRow + 1}:N${totalsRow + 1}`];
const twoRowSkips = [
  { row: 9, kind: 'totals' as const },
  { row: 10, kind: 'footnote' as const },
  { row: 11, kind: 'signature' as const },
];

const valid: LayoutSpec = {
  name: '统计表-two-row-header',
  sheet: '统计表',
  story: 'a unit draws the 统计表 with a two-row header (活动时间, 参与人次, 媒体报道 over their children), a 合计 row, a footnote and signature lines',
  rows: [...twoRowTop, bridge(1), lecture(2), forum(3), ...tableFoot(510)],
  merges: [...twoRowMerges, ...footMerges(9)],
  formats: ['xlsx', 'ods', 'xls', 'csv-utf8', 'csv-gbk'],
  expect: {
    deliverable: 'report',
    status: 'incomplete',
    activities: 3,
    problems: [],
    skipped: twoRowSkips,
    header: { unit: '土木建筑工程学院', contact: '陈老师', phone: '136 0000 2222' },
  },
};

const lectureWithoutLinks = lecture(2).map((v, i) => (i === 12 ? null : v));
const forumBadDate = forum(3).map((v, i) => (i === 4 ? '5.30' : v));
const URL_SHAPE = '以 http:// 或 https:// 开头的完整网址，多个链接换行分隔';

const errors: LayoutSpec = {
  ...valid,
  name: '统计表-two-row-header-errors',
  story: 'a unit draws the 统计表 with a two-row header, leaves 链接 empty under 篇数 2 and types 5.30 as a date',
  rows: [...twoRowTop, bridge(1), lectureWithoutLinks, forumBadDate, ...tableFoot(510)],
  formats: ['xlsx'],
  expect: {
    deliverable: 'report',
    status: 'needs_correction',
    activities: 3,
    skipped: twoRowSkips,
    problems: [
      { severity: 'error', cell: 'M7', column: '媒体报道/链接', message: `第7行「媒体报道/链接」(M7) 未填写，但「媒体报道/篇数」为 2，请填写这些报道的链接（${URL_SHAPE}）。` },
      { severity: 'error', cell: 'E8', column: '开始日期', message: '第8行「开始日期」(E8) 填写为“5.30”，无法识别为日期，请填写为 2025-05-20 这样的日期。' },
    ],
  },
};

/** Rows 1–6: title, a header block of label/value pairs, three header rows. */
const threeRowTop: LayoutCell[][] = [
  at({ 0: TITLE }),
  at({ 0: '填报单位', 1: '土木建筑工程学院', 6: '联系人', 7: '陈老师', 9: '联系电话', 10: '136-0000-2222' }),
  at({ 0: '序号', 1: '活动基本情况', 7: '活动成效', 13: '备注' }),
  at({ 1: '活动名称', 2: '活动类别', 3: '活动形式', 4: '活动时间', 6: '活动地点', 7: '场次', 8: '参与人次', 10: '参与科技工作者人数', 11: '媒体报道' }),
  at({ 4: '开始日期', 5: '结束日期', 8: '线下', 9: '线上', 11: '篇数', 12: '链接' }),
];
const threeRowMerges = ['A1:N1', 'A3:A5', 'B3:G3', 'H3:M3', 'N3:N5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:F4', 'G4:G5', 'H4:H5', 'I4:J4', 'K4:K5', 'L4:M4'];
/** 一、线下活动 (merged across), 2 activities, 小计; （二）线上及线上线下活动 (in A only), 1 activity, 小计; 合计. */
const sectioned = (totalOffline: number): LayoutCell[][] => [
  at({ 0: '一、线下活动' }),
  bridge(1),
  forum(2),
  at({ 0: '小计', 7: 3, 8: 360, 9: 0, 10: 47, 11: 1 }),
  at({ 0: '（二）线上及线上线下活动' }),
  lecture(3),
  at({ 0: '小计', 7: 1, 8: 150, 9: 600, 10: 5, 11: 2 }),
  at({ 0: '合计', 7: 4, 8: totalOffline, 9: 600, 10: 52, 11: 3 }),
  at({ 0: '说明：本表由各单位科协工作联系人汇总填写。' }),
  at({ 0: '单位负责人签字：', 6: '（盖章）' }),
];
const sectionMerges = ['A6:N6', 'A9:G9', 'A12:G12', 'A13:G13', 'A14:N14'];
const sectionSkips = [
  { row: 6, kind: 'section' as const },
  { row: 9, kind: 'subtotal' as const },
  { row: 10, kind: 'section' as const },
  { row: 12, kind: 'subtotal' as const },
  { row: 13, kind: 'totals' as const },
  { row: 14, kind: 'footnote' as const },
  { row: 15, kind: 'signature' as const },
];

const threeRows: LayoutSpec = {
  name: '统计表-three-row-header-sections',
  sheet: '统计表',
  story: 'a unit draws the 统计表 with a three-row header, section rows (一、线下活动 merged across, （二）… in one cell), 小计 rows and a 合计 row',
  rows: [...threeRowTop, ...sectioned(510)],
  merges: [...threeRowMerges, ...sectionMerges],
  formats: ['xlsx', 'csv-utf8'],
  expect: {
    deliverable: 'report',
    status: 'incomplete',
    activities: 3,
    problems: [],
    skipped: sectionSkips,
    header: { unit: '土木建筑工程学院', contact: '陈老师', phone: '136-0000-2222' },
  },
};

const doubleCounted: LayoutSpec = {
  ...threeRows,
  name: '统计表-three-row-header-totals-double-counted',
  story: 'a unit sums the 小计 rows into the 合计 of 线下 as well (1020 instead of 510)',
  rows: [...threeRowTop, ...sectioned(1020)],
  formats: ['xlsx'],
  expect: {
    ...threeRows.expect,
    status: 'needs_correction',
    problems: [{ severity: 'error', cell: 'I13', column: '参与人次/线下', message: '「合计」行「参与人次/线下」(I13) 填写为 1020，但各活动行相加为 510，请改为 510，或核对各行的数字。' }],
  },
};

export const reportLayouts: LayoutSpec[] = [valid, errors, threeRows, doubleCounted];
