/**
 * 推荐表 (Attachment 1): each rule of docs/forms.md ("Attachment 1 — 推荐表") broken once, in the third activity (row 7) or in the
 * header block, starting from the valid form of valid-forms.ts.
 */
import { dateCell, deleteColumn, expectProblem, windowOf, type CaseKit, type RuleCase } from './rule-kit.js';

const at = (kit: CaseKit, key: string, value: string) => ({ ...kit.row(key), value });
const EXAMPLE_DATE = '2025-05-20';
const LONG_NAME = '人工智能'.repeat(13);
const LONG_SUMMARY = '科普'.repeat(251);

const required = (key: string, what: string, fill: (kit: CaseKit) => string): RuleCase => ({
  name: `recommendation-required-${key}`,
  story: `a unit leaves ${what} of an activity empty`,
  row: { [key]: null },
  expect: (kit) => expectProblem('cell.required', at(kit, key, ''), { where: kit.row(key).where, fill: fill(kit) }),
});

const integer = (name: string, story: string, written: string | number, code: 'integer.approximate' | 'integer.notNumber' | 'integer.decimal'): RuleCase => ({
  name: `recommendation-${name}`,
  story,
  row: { expectedParticipants: written },
  written,
  expect: (kit) => expectProblem(code, at(kit, 'expectedParticipants', String(written)), { where: kit.row('expectedParticipants').where, value: String(written) }),
});

export const recommendationCases: RuleCase[] = [
  required('name', '活动名称', () => '填写活动名称'),
  required('category', '活动类别', (kit) => `从下拉列表中选择：${kit.options('category').join('、')}`),
  required('startDate', '开始日期', () => `填写开始日期，如 ${EXAMPLE_DATE}`),
  required('expectedParticipants', '预计参与人数', () => '填写预计参与人数（阿拉伯数字整数）'),
  required('leaderPhone', '负责人的联系电话', () => '填写联系电话（手机号码或带区号的座机号码）'),
  required('summary', '活动简介', () => '填写活动简介'),
  {
    name: 'recommendation-name-too-long',
    story: `a unit writes a ${[...LONG_NAME].length}-character 活动名称`,
    row: { name: LONG_NAME },
    written: LONG_NAME,
    expect: (kit) => expectProblem('text.tooLong', at(kit, 'name', LONG_NAME), { where: kit.row('name').where, count: [...LONG_NAME].length, max: 50 }),
  },
  {
    name: 'recommendation-summary-too-long',
    story: `a unit writes a ${[...LONG_SUMMARY].length}-character 活动简介`,
    row: { summary: LONG_SUMMARY },
    written: LONG_SUMMARY,
    expect: (kit) => expectProblem('text.tooLong', at(kit, 'summary', LONG_SUMMARY), { where: kit.row('summary').where, count: [...LONG_SUMMARY].length, max: 500 }),
  },
  {
    name: 'recommendation-category-not-an-option',
    story: 'a unit types 科普讲座 as the 活动类别',
    row: { category: '科普讲座' },
    written: '科普讲座',
    expect: (kit) => expectProblem('enum.notAnOption', at(kit, 'category', '科普讲座'), { where: kit.row('category').where, value: '科普讲座', options: kit.options('category') }),
  },
  {
    name: 'recommendation-form-not-an-option',
    story: 'a unit types 现场 as the 活动形式',
    row: { activityForm: '现场' },
    written: '现场',
    expect: (kit) => expectProblem('enum.notAnOption', at(kit, 'activityForm', '现场'), { where: kit.row('activityForm').where, value: '现场', options: kit.options('activityForm') }),
  },
  {
    name: 'recommendation-date-unrecognised',
    story: 'a unit writes 5.20 as the 开始日期',
    row: { startDate: '5.20' },
    written: '5.20',
    expect: (kit) => expectProblem('date.unrecognised', at(kit, 'startDate', '5.20'), { where: kit.row('startDate').where, value: '5.20', example: EXAMPLE_DATE }),
  },
  {
    name: 'recommendation-date-not-real',
    story: 'a unit writes 2025-05-32 as the 结束日期',
    row: { endDate: '2025-05-32' },
    written: '2025-05-32',
    expect: (kit) => expectProblem('date.notReal', at(kit, 'endDate', '2025-05-32'), { where: kit.row('endDate').where, value: '2025-05-32', example: EXAMPLE_DATE }),
  },
  {
    name: 'recommendation-start-before-window',
    story: 'a unit types 2025-04-20, before the activity window, as the 开始日期',
    row: { startDate: '2025-04-20' },
    written: '2025-04-20',
    expect: (kit) => expectProblem('date.outsideWindow', at(kit, 'startDate', '2025-04-20'), { where: kit.row('startDate').where, date: '2025-04-20', ...windowOf(kit) }),
  },
  {
    name: 'recommendation-end-after-window',
    story: 'a unit enters the date cell 2025-06-15, after the activity window, as the 结束日期',
    row: { endDate: dateCell('2025-06-15') },
    written: { date: '2025-06-15' },
    expect: (kit) => expectProblem('date.outsideWindow', at(kit, 'endDate', '2025-06-15'), { where: kit.row('endDate').where, date: '2025-06-15', ...windowOf(kit) }),
  },
  {
    name: 'recommendation-range-past-window',
    story: 'a unit writes the range 6月8日-6月12日 in 开始日期 and leaves 结束日期 empty',
    row: { startDate: '6月8日-6月12日', endDate: null },
    written: '6月8日-6月12日',
    expect: (kit) => expectProblem('date.outsideWindow', at(kit, 'startDate', '6月8日-6月12日'), { where: kit.row('startDate').where, date: '2025-06-12', ...windowOf(kit) }),
  },
  {
    name: 'recommendation-end-before-start',
    story: 'a unit writes a 结束日期 (2025-05-21) before the 开始日期 (2025-05-25)',
    row: { startDate: '2025-05-25', endDate: '2025-05-21' },
    written: '2025-05-21',
    expect: (kit) => expectProblem('date.endBeforeStart', at(kit, 'endDate', '2025-05-21'), { where: kit.row('endDate').where, end: '2025-05-21', start: '2025-05-25' }),
  },
  integer('participants-about', 'a unit writes 约200 as the 预计参与人数', '约200', 'integer.approximate'),
  integer('participants-plus', 'a unit writes 200+ as the 预计参与人数', '200+', 'integer.approximate'),
  integer('participants-chinese-numeral', 'a unit writes 二百 as the 预计参与人数', '二百', 'integer.notNumber'),
  integer('participants-decimal', 'a unit enters the number 150.5 as the 预计参与人数', 150.5, 'integer.decimal'),
  {
    name: 'recommendation-participants-zero',
    story: 'a unit enters 0 as the 预计参与人数',
    row: { expectedParticipants: 0 },
    written: 0,
    expect: (kit) => expectProblem('integer.belowMin', at(kit, 'expectedParticipants', '0'), { where: kit.row('expectedParticipants').where, value: '0', min: 1 }),
  },
  {
    name: 'recommendation-phone-invalid',
    story: 'a unit writes a 10-digit mobile number 1381234567 as the 负责人 phone',
    row: { leaderPhone: '1381234567' },
    written: '1381234567',
    expect: (kit) => expectProblem('phone.invalid', at(kit, 'leaderPhone', '1381234567'), { where: kit.row('leaderPhone').where, value: '1381234567', bad: ['1381234567'] }),
  },
  {
    name: 'recommendation-phone-one-of-two-invalid',
    story: 'a unit writes two phone numbers, the second one a digit short',
    row: { leaderPhone: '13800138000、1381234567' },
    written: '13800138000、1381234567',
    expect: (kit) => expectProblem('phone.invalid', at(kit, 'leaderPhone', '13800138000、1381234567'), { where: kit.row('leaderPhone').where, value: '13800138000、1381234567', bad: ['1381234567'] }),
  },
  ...([['unit', '推荐单位'], ['contact', '联系人'], ['phone', '联系电话']] as const).map(([key, label]): RuleCase => ({
    name: `recommendation-header-${key}-missing`,
    story: `a unit leaves ${label} in the header block empty`,
    header: { [key]: null },
    expect: (kit) => expectProblem('header.required', { ...kit.header(key), value: '' }, { where: kit.header(key).where, label: kit.header(key).column }),
  })),
  {
    name: 'recommendation-header-phone-invalid',
    story: 'a unit writes a 7-digit number 5168000 as the header 联系电话',
    header: { phone: '5168000' },
    written: '5168000',
    expect: (kit) => expectProblem('phone.invalid', { ...kit.header('phone'), value: '5168000' }, { where: kit.header('phone').where, value: '5168000', bad: ['5168000'] }),
  },
  {
    name: 'recommendation-header-email-invalid',
    story: 'a unit writes kyy＠bjtu (full-width @, no domain) as the 电子邮箱',
    header: { email: 'kyy＠bjtu' },
    written: 'kyy＠bjtu',
    expect: (kit) => expectProblem('email.invalid', { ...kit.header('email'), value: 'kyy＠bjtu' }, { where: kit.header('email').where, value: 'kyy＠bjtu' }),
  },
  {
    name: 'recommendation-column-summary-deleted',
    story: 'a unit deletes the 活动简介 column',
    alter: (filled, kit) => deleteColumn(filled, kit.column('summary').index),
    expect: (kit) => expectProblem('column.missing', { cell: null, column: kit.column('summary').label, value: null }, { sheet: kit.def.sheetName, column: kit.column('summary').label }),
  },
  {
    name: 'recommendation-no-activities',
    story: 'a unit fills the header block but no activity',
    rows: [],
    expect: (kit) => expectProblem('form.noActivityRows', { cell: null, column: null, value: null }, { sheet: kit.def.sheetName }),
  },
];
