/**
 * A unit sends Attachment 2 (统计表): counts, attendance against the activity form, media links,
 * and the 合计 row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeForm } from '../../../../src/domain/forms/judge/index.js';
import type { Problem } from '../../../../src/domain/forms/problem.js';
import { buildRead, ctx, reportDef as def, reportHeader, reportRow, type FormInput, type RowInput } from './helpers.js';

const judge = (input: FormInput) => judgeForm(buildRead(def, input), def, ctx);
const oneRow = (overrides: RowInput) => judge({ header: reportHeader, rows: [reportRow(overrides)] });
const strip = (p: Problem) => ({ code: p.code, severity: p.severity, cell: p.cell, column: p.column, value: p.value, message: p.message });
const errors = (ps: Problem[]) => ps.filter((p) => p.severity === 'error');
const warnings = (ps: Problem[]) => ps.filter((p) => p.severity === 'warning');

const twoActivities = [
  reportRow(),
  reportRow({ seq: 2, name: '科技志愿服务进社区', category: '群众实践', activityForm: '线下', sessions: 2, offlineAttendance: '1,000', onlineAttendance: 0, scientists: 10, mediaReports: 0, reportLinks: null }),
];

void test('a unit sends a fully valid report with a right 合计 row → no problems, typed rows', () => {
  const result = judge({ header: reportHeader, rows: twoActivities, totals: { seq: '合计', sessions: 5, offlineAttendance: 1300, onlineAttendance: '1,200', scientists: 35, mediaReports: 2 } });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows[0]?.values, {
    seq: 1, name: '走进国家重点实验室开放日', category: '成果科普', activityForm: '线上线下', startDate: '2025-05-20', endDate: '2025-05-22', place: '思源楼',
    sessions: 3, offlineAttendance: 300, onlineAttendance: 1200, scientists: 25, mediaReports: 2, reportLinks: 'https://news.example.com/a1\nhttps://news.example.com/a2', remarks: null,
  });
  assert.equal(result.rows[1]?.values.offlineAttendance, 1000);
});

void test('a 合计 row with blank cells is fine: only the figures stated are checked', () => {
  const result = judge({ header: reportHeader, rows: twoActivities, totals: { seq: '合计', sessions: 5, offlineAttendance: null } });
  assert.deepEqual(result.problems, []);
});

void test('a 合计 row whose 线下参与人次 does not add up → an error naming the column, the stated and the computed figure', () => {
  const result = judge({ header: reportHeader, rows: twoActivities, totals: { seq: '合计', sessions: 5, offlineAttendance: 1200, onlineAttendance: 1200 } });
  assert.deepEqual(result.problems.map(strip), [
    { code: 'totals.mismatch', severity: 'error', cell: 'I9', column: '线下参与人次', value: '1200', message: '「合计」行「线下参与人次」(I9) 填写为 1200，但各活动行相加为 1300，请改为 1300，或核对各行的数字。' },
  ]);
});

void test('a 合计 figure written as 约1300 is asked to be a plain number', () => {
  const result = judge({ header: reportHeader, rows: twoActivities, totals: { offlineAttendance: '约1300' } });
  assert.deepEqual(result.problems.map((p) => [p.code, p.cell, p.message]), [
    ['integer.approximate', 'I9', '「合计」行「线下参与人次」(I9) 填写为“约1300”，请填写确切的数字，只写阿拉伯数字，如 200（不要加“约”“+”“余”等字）。'],
  ]);
});

void test('when an activity row\'s figure is unreadable, the 合计 of that column is not compared (one problem, not two)', () => {
  const rows = [twoActivities[0] ?? {}, { ...twoActivities[1], sessions: '两场' }];
  const result = judge({ header: reportHeader, rows, totals: { sessions: 99, offlineAttendance: 1 } });
  assert.deepEqual(result.problems.map((p) => [p.code, p.cell]), [
    ['integer.notNumber', 'H8'],
    ['totals.mismatch', 'I9'],
  ]);
});

void test('场次 0 and a negative count are refused with their minimum', () => {
  assert.deepEqual(oneRow({ sessions: 0 }).problems.map(strip), [
    { code: 'integer.belowMin', severity: 'error', cell: 'H7', column: '场次', value: '0', message: '第7行「场次」(H7) 填写为“0”，不能小于 1，请填写 1 或以上的整数。' },
  ]);
  assert.deepEqual(oneRow({ scientists: -2 }).problems.map(strip), [
    { code: 'integer.belowMin', severity: 'error', cell: 'K7', column: '参与科技工作者人数', value: '-2', message: '第7行「参与科技工作者人数」(K7) 填写为“-2”，不能为负数，请填写 0 或正整数。' },
  ]);
});

void test('a count with decimals is refused', () => {
  assert.deepEqual(oneRow({ sessions: 1.5 }).problems.map(strip), [
    { code: 'integer.decimal', severity: 'error', cell: 'H7', column: '场次', value: '1.5', message: '第7行「场次」(H7) 填写为“1.5”，应为整数，请填写不带小数的数字。' },
  ]);
});

void test('an empty 线上参与人次 is asked for, with “没有请填 0”', () => {
  assert.deepEqual(oneRow({ onlineAttendance: null }).problems.map((p) => p.message), ['第7行「线上参与人次」(J7) 未填写，请填写线上参与人次（阿拉伯数字整数，没有请填 0）。']);
});

void test('a 线上线下 activity with 0 offline and 0 online attendance → two warnings, no error', () => {
  const result = oneRow({ offlineAttendance: 0, onlineAttendance: '0' });
  assert.deepEqual(errors(result.problems), []);
  assert.deepEqual(warnings(result.problems).map(strip), [
    { code: 'attendance.expected', severity: 'warning', cell: 'I7', column: '线下参与人次', value: '0', message: '第7行「线下参与人次」(I7) 为 0，但活动形式为“线上线下”，一般应有线下参与人次，请核对（确实为 0 可不修改）。' },
    { code: 'attendance.expected', severity: 'warning', cell: 'J7', column: '线上参与人次', value: '0', message: '第7行「线上参与人次」(J7) 为 0，但活动形式为“线上线下”，一般应有线上参与人次，请核对（确实为 0 可不修改）。' },
  ]);
});

void test('a 线下 activity with 0 online attendance is normal; with 0 offline it is a warning', () => {
  assert.deepEqual(oneRow({ activityForm: '线下', onlineAttendance: 0 }).problems, []);
  assert.deepEqual(oneRow({ activityForm: '线下', offlineAttendance: 0 }).problems.map((p) => [p.code, p.severity, p.cell]), [['attendance.expected', 'warning', 'I7']]);
  assert.deepEqual(oneRow({ activityForm: '线上', offlineAttendance: 0, onlineAttendance: 0 }).problems.map((p) => [p.code, p.cell]), [['attendance.expected', 'J7']]);
});

void test('媒体报道数 3 with no 报道链接 → the links are asked for', () => {
  assert.deepEqual(oneRow({ mediaReports: 3, reportLinks: null }).problems.map(strip), [
    { code: 'links.requiredWithReports', severity: 'error', cell: 'M7', column: '报道链接', value: '', message: '第7行「报道链接」(M7) 未填写，但「媒体报道数」为 3，请填写这些报道的链接（以 http:// 或 https:// 开头的完整网址，多个链接换行分隔）。' },
  ]);
});

void test('媒体报道数 0 needs no link; a link that is not http(s) is named', () => {
  assert.deepEqual(oneRow({ mediaReports: 0, reportLinks: null }).problems, []);
  assert.deepEqual(oneRow({ reportLinks: 'https://news.example.com/a1\nwww.example.com/a2' }).problems.map(strip), [
    { code: 'url.invalid', severity: 'error', cell: 'M7', column: '报道链接', value: 'https://news.example.com/a1\nwww.example.com/a2', message: '第7行「报道链接」(M7) 中的“www.example.com/a2”不是完整的网址，请填写以 http:// 或 https:// 开头的完整网址，多个链接换行分隔。' },
  ]);
});

void test('a headline hyperlinked to the article counts as the report link', () => {
  const result = oneRow({ mediaReports: 1, reportLinks: { value: '光明网：科技活动周走进校园', hyperlink: 'https://news.example.com/a9' } });
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows[0]?.values.reportLinks, 'https://news.example.com/a9');
});

void test('judging is deterministic: the same form gives the same judgement', () => {
  const input: FormInput = { header: { ...reportHeader, phone: 'x' }, rows: [reportRow({ startDate: '5.20', offlineAttendance: 0 }), ...twoActivities], totals: { sessions: 1 } };
  assert.deepEqual(judge(input), judge(input));
  assert.ok(judge(input).problems.length >= 4);
});
