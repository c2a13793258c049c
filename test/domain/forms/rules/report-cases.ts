/**
 * 统计表 (Attachment 2): each rule of docs/forms.md ("Attachment 2 — 统计表") broken once, in the third activity (row 7), the header
 * block or the 合计 row, starting from the valid form of valid-forms.ts. The fixture builder keeps
 * the template's SUM formulas (with their cached results) unless a case states a total.
 */
import { deleteColumn, expectProblem, windowOf, type CaseKit, type RuleCase } from './rule-kit.js';
import { reportRows } from './valid-forms.js';

const at = (kit: CaseKit, key: string, value: string) => ({ ...kit.row(key), value });
const sumOf = (key: string): number => reportRows().reduce((acc, r) => acc + Number(r[key] ?? 0), 0);

export const reportCases: RuleCase[] = [
  {
    name: 'report-required-sessions',
    story: 'a unit leaves the 场次 of an activity empty',
    row: { sessions: null },
    expect: (kit) => expectProblem('cell.required', at(kit, 'sessions', ''), { where: kit.row('sessions').where, fill: '填写场次（阿拉伯数字整数）' }),
  },
  {
    name: 'report-required-offline-attendance',
    story: 'a unit leaves the 线下参与人次 of an activity empty',
    row: { offlineAttendance: null },
    expect: (kit) => expectProblem('cell.required', at(kit, 'offlineAttendance', ''), { where: kit.row('offlineAttendance').where, fill: '填写线下参与人次（阿拉伯数字整数，没有请填 0）' }),
  },
  {
    name: 'report-sessions-zero',
    story: 'a unit enters 0 as the 场次',
    row: { sessions: 0 },
    written: 0,
    expect: (kit) => expectProblem('integer.belowMin', at(kit, 'sessions', '0'), { where: kit.row('sessions').where, value: '0', min: 1 }),
  },
  {
    name: 'report-attendance-negative',
    story: 'a unit enters -5 as the 线下参与人次',
    row: { offlineAttendance: -5 },
    written: -5,
    expect: (kit) => expectProblem('integer.belowMin', at(kit, 'offlineAttendance', '-5'), { where: kit.row('offlineAttendance').where, value: '-5', min: 0 }),
  },
  {
    name: 'report-sessions-decimal-text',
    story: 'a unit types 1.5 as text in 场次',
    row: { sessions: '1.5' },
    written: '1.5',
    expect: (kit) => expectProblem('integer.decimal', at(kit, 'sessions', '1.5'), { where: kit.row('sessions').where, value: '1.5' }),
  },
  {
    name: 'report-scientists-approximate',
    story: 'a unit writes 10余 as the 参与科技工作者人数',
    row: { scientists: '10余' },
    written: '10余',
    expect: (kit) => expectProblem('integer.approximate', at(kit, 'scientists', '10余'), { where: kit.row('scientists').where, value: '10余' }),
  },
  {
    name: 'report-start-serial-before-window',
    story: 'a unit types the serial number 45777 (2025-04-30, before the window) in 开始日期',
    row: { startDate: 45777 },
    // Typed as a plain number: General format, not the template's date format.
    alter: (filled, kit) => {
      filled.sheet.getCell(kit.row('startDate').cell).numFmt = 'General';
    },
    written: 45777,
    expect: (kit) => expectProblem('date.outsideWindow', at(kit, 'startDate', '45777'), { where: kit.row('startDate').where, date: '2025-04-30', ...windowOf(kit) }),
  },
  {
    name: 'report-offline-attendance-zero',
    story: 'a unit reports 0 线下参与人次 for a 线上线下 activity (a warning only)',
    row: { offlineAttendance: 0 },
    written: 0,
    expect: (kit) =>
      expectProblem('attendance.expected', at(kit, 'offlineAttendance', '0'), { where: kit.row('offlineAttendance').where, value: 0, activityForm: '线上线下', column: kit.column('offlineAttendance').label }),
  },
  {
    name: 'report-online-attendance-zero',
    story: 'a unit reports 0 线上参与人次 for a 线上 activity (a warning only)',
    row: { activityForm: '线上', offlineAttendance: 0, onlineAttendance: 0 },
    written: 0,
    expect: (kit) =>
      expectProblem('attendance.expected', at(kit, 'onlineAttendance', '0'), { where: kit.row('onlineAttendance').where, value: 0, activityForm: '线上', column: kit.column('onlineAttendance').label }),
  },
  {
    name: 'report-links-missing',
    story: 'a unit reports 2 media reports but leaves 报道链接 empty',
    row: { reportLinks: null },
    expect: (kit) =>
      expectProblem('links.requiredWithReports', at(kit, 'reportLinks', ''), { where: kit.row('reportLinks').where, countColumn: kit.column('mediaReports').label, count: 2 }),
  },
  {
    name: 'report-link-without-scheme',
    story: 'a unit writes www.example.com, without http://, as the 报道链接',
    row: { reportLinks: 'www.example.com' },
    written: 'www.example.com',
    expect: (kit) => expectProblem('url.invalid', at(kit, 'reportLinks', 'www.example.com'), { where: kit.row('reportLinks').where, value: 'www.example.com', bad: ['www.example.com'] }),
  },
  {
    name: 'report-link-ftp',
    story: 'a unit gives one good link and one ftp:// link in 报道链接',
    row: { reportLinks: 'https://news.example.edu.cn/2025/0527.html\nftp://files.example.com/report.pdf' },
    written: 'https://news.example.edu.cn/2025/0527.html\nftp://files.example.com/report.pdf',
    expect: (kit) =>
      expectProblem('url.invalid', at(kit, 'reportLinks', 'https://news.example.edu.cn/2025/0527.html\nftp://files.example.com/report.pdf'), {
        where: kit.row('reportLinks').where,
        value: 'https://news.example.edu.cn/2025/0527.html\nftp://files.example.com/report.pdf',
        bad: ['ftp://files.example.com/report.pdf'],
      }),
  },
  {
    name: 'report-totals-mismatch',
    story: `a unit states 300 线下参与人次 in 合计 where the rows add up to ${sumOf('offlineAttendance')}`,
    totals: { offlineAttendance: 300 },
    written: 300,
    expect: (kit) => expectProblem('totals.mismatch', { ...kit.totals('offlineAttendance'), value: '300' }, { where: kit.totals('offlineAttendance').where, stated: 300, computed: sumOf('offlineAttendance') }),
  },
  {
    name: 'report-totals-approximate',
    story: 'a unit writes 约1000 as the 合计 of 线上参与人次',
    totals: { onlineAttendance: '约1000' },
    written: '约1000',
    expect: (kit) => expectProblem('integer.approximate', { ...kit.totals('onlineAttendance'), value: '约1000' }, { where: kit.totals('onlineAttendance').where, value: '约1000' }),
  },
  {
    name: 'report-header-unit-missing',
    story: 'a unit leaves 填报单位 in the header block empty',
    header: { unit: null },
    expect: (kit) => expectProblem('header.required', { ...kit.header('unit'), value: '' }, { where: kit.header('unit').where, label: kit.header('unit').column }),
  },
  {
    name: 'report-column-sessions-deleted',
    story: 'a unit deletes the 场次 column',
    alter: (filled, kit) => deleteColumn(filled, kit.column('sessions').index),
    expect: (kit) => expectProblem('column.missing', { cell: null, column: kit.column('sessions').label, value: null }, { sheet: kit.def.sheetName, column: kit.column('sessions').label }),
  },
  {
    name: 'report-column-links-deleted',
    story: 'a unit deletes the 报道链接 column although it reports media coverage',
    alter: (filled, kit) => deleteColumn(filled, kit.column('reportLinks').index),
    expect: (kit) => expectProblem('column.missing', { cell: null, column: kit.column('reportLinks').label, value: null }, { sheet: kit.def.sheetName, column: kit.column('reportLinks').label }),
  },
  {
    name: 'report-no-activities',
    story: 'a unit sends the 统计表 with the header block filled but no activity',
    rows: [],
    expect: (kit) => expectProblem('form.noActivityRows', { cell: null, column: null, value: null }, { sheet: kit.def.sheetName }),
  },
];
