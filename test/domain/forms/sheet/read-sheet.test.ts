/**
 * Reading a sheet as a plain grid, without any file: header paths of one to three rows, the
 * column each path names, rows that are not activities, header-block values beside or under
 * their labels, and .csv text. Each story asserts the exact rows, cells and column names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvGrid } from '../../../../src/domain/forms/sheet/csv-grid.js';
import { viewGrid, type MergeRange, type SheetGrid } from '../../../../src/domain/forms/sheet/grid.js';
import { readSheet } from '../../../../src/domain/forms/sheet/read-sheet.js';
import { cellRef } from '../../../../src/domain/forms/sheet/grid.js';
import { shippedForms } from '../load-defs.js';

const { both } = shippedForms();
type V = string | number | null;
const grid = (rows: V[][], merges: string[] = [], name = '表'): SheetGrid => ({
  name,
  rows: rows.map((row, r) => row.map((v, c) => (v === null ? null : { ref: cellRef(r + 1, c + 1), value: v, numFmt: null, hyperlink: null }))),
  merges: merges.map(range),
});
function range(a1: string): MergeRange {
  const [from, to] = a1.split(':').map((x) => /^([A-Z]+)(\d+)$/.exec(x)!);
  const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(from![2]), left: col(from![1]!), bottom: Number(to![2]), right: col(to![1]!) };
}
const read = (g: SheetGrid) => {
  const found = readSheet(viewGrid(g), both);
  assert.ok(found, 'a form is found');
  return found.read;
};

const REPORT_PARENTS: V[] = ['序号', '活动名称', '活动类别', '活动形式', '活动时间', null, '活动地点', '场次', '参与人次', null, '参与科技工作者人数', '媒体报道', null, '备注'];
const REPORT_CHILDREN: V[] = [null, null, null, null, '开始日期', '结束日期', null, null, '线下', '线上', null, '篇数', '链接', null];
const ACTIVITY: V[] = [1, '桥梁模型设计大赛', '群众实践', '线下', '2025-05-10', '2025-05-11', '土建楼', 2, 320, 0, 12, 1, 'https://news.example.edu.cn/a.html', null];
const MERGES = ['A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:F3', 'G3:G4', 'H3:H4', 'I3:J3', 'K3:K4', 'L3:M3', 'N3:N4'];

void test('a two-row header: each child column is known by its path, and messages name it as the header shows it', () => {
  const form = read(grid([['填报单位：', null, '土木建筑工程学院'], ['联系人：陈老师', null, null, '联系电话：', null, '136 0000 2222'], REPORT_PARENTS, REPORT_CHILDREN, ACTIVITY], MERGES));
  assert.equal(form.formId, 'report');
  assert.equal(form.headerRowNumber, 4);
  assert.deepEqual(form.missingColumns, []);
  assert.deepEqual(form.columns.startDate, { letter: 'E', headerText: '开始日期' });
  assert.deepEqual(form.columns.offlineAttendance, { letter: 'I', headerText: '参与人次/线下' });
  assert.deepEqual(form.columns.onlineAttendance, { letter: 'J', headerText: '参与人次/线上' });
  assert.deepEqual(form.columns.mediaReports, { letter: 'L', headerText: '媒体报道/篇数' });
  assert.deepEqual(form.columns.reportLinks, { letter: 'M', headerText: '媒体报道/链接' });
  assert.deepEqual(form.columns.name, { letter: 'B', headerText: '活动名称' });
  assert.deepEqual(form.rows.map((r) => r.rowNumber), [5], 'the child header row is never an activity');
  assert.equal(form.headerFields.unit?.ref, 'C1', 'two cells right of the label, across an empty cell');
  assert.equal(form.headerFields.contact?.value, '陈老师');
  assert.equal(form.headerFields.phone?.ref, 'F2');
});

void test('the same header in a .csv (no merges): a parent written once spreads over the children under it', () => {
  const text = [
    '填报单位,土木建筑工程学院,,联系人,陈老师,联系电话,13600002222',
    REPORT_PARENTS.map((v) => v ?? '').join(','),
    REPORT_CHILDREN.map((v) => v ?? '').join(','),
    '1,桥梁模型设计大赛,群众实践,线下,2025-05-10,2025-05-11,土建楼,2,320,0,12,1,"https://a.example/1\nhttps://a.example/2",',
  ].join('\r\n');
  const form = read(csvGrid(text, '统计表.csv'));
  assert.equal(form.sheet, '统计表.csv');
  assert.deepEqual(form.missingColumns, []);
  assert.deepEqual(form.columns.endDate, { letter: 'F', headerText: '结束日期' });
  assert.deepEqual(form.columns.onlineAttendance, { letter: 'J', headerText: '参与人次/线上' });
  assert.equal(form.rows.length, 1);
  assert.equal(form.rows[0]!.cells.reportLinks?.value, 'https://a.example/1\nhttps://a.example/2', 'a quoted field keeps its line break');
  assert.equal(form.headerFields.unit?.value, '土木建筑工程学院');
});

void test('a parent that names a column gives it to its child that names nothing; 父/子 aliases match', () => {
  const header: V[] = ['序号', '活动名称', '活动类别', '活动形式', '活动时间', null, '活动地点', '面向对象', '预计参与人数', '负责人', null, '活动简介'];
  const children: V[] = [null, null, null, null, '开始', '结束', null, null, null, '姓名', '联系电话', null];
  const form = read(grid([['推荐单位：电气工程学院'], header, children, [1, '讲座', '成果科普', '线下', '2025-05-20', '2025-05-20', '报告厅', '师生', 100, '刘洋', '13800138000', '简介']],
    ['A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:F2', 'G2:G3', 'H2:H3', 'I2:I3', 'J2:K2', 'L2:L3']));
  assert.equal(form.formId, 'recommendation');
  assert.deepEqual(form.columns.startDate, { letter: 'E', headerText: '活动时间/开始' });
  assert.deepEqual(form.columns.endDate, { letter: 'F', headerText: '活动时间/结束' });
  assert.deepEqual(form.columns.leader, { letter: 'J', headerText: '负责人/姓名' });
  assert.deepEqual(form.columns.leaderPhone, { letter: 'K', headerText: '联系电话' });
});

void test('sections, 小计, 合计, footnotes and signature lines are not activities; each is listed with its kind', () => {
  const header: V[] = ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '联系电话', '活动简介', '备注'];
  const act = (n: number): V[] => [n, `活动${n}`, '成果科普', '线下', '2025-05-20', '2025-05-20', '报告厅', '师生', 100, '刘洋', '13800138000', '简介', null];
  const form = read(grid([
    ['推荐单位', null, '联系人'], ['图书馆', null, '周老师'], header,
    ['一、线下活动'], act(1), [null, '（二）线上活动'], act(2), [null, '小计', null, null, null, null, null, null, 200],
    ['合计', null, null, null, null, null, null, null, 200], ['注：类别请从下拉列表选择。'], ['填表人：周老师', null, null, null, '审核人：李主任', null, null, null, '日期：2025年5月5日'],
    ['数据截至6月10日'], [4],
  ], ['A4:M4', 'A9:H9']));
  assert.deepEqual(form.rows.map((r) => r.rowNumber), [5, 7]);
  assert.deepEqual(form.skippedRows?.map((s) => [s.rowNumber, s.kind]), [[4, 'section'], [6, 'section'], [8, 'subtotal'], [9, 'totals'], [10, 'footnote'], [11, 'signature'], [12, 'footnote']]);
  assert.equal(form.totalsRow, null, 'the 推荐表 has no totals row: its 合计 is only skipped');
  assert.equal(form.headerFields.unit?.ref, 'A2', 'the value under the label, when the block is a small table');
  assert.equal(form.headerFields.contact?.ref, 'C2');
});

void test('a lone text without a numbering that is not merged across is still an activity (its errors are reported)', () => {
  const header: V[] = ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '联系电话', '活动简介'];
  const form = read(grid([['推荐单位：图书馆'], header, [null, '线上读书会']]));
  assert.deepEqual(form.rows.map((r) => r.rowNumber), [3]);
  assert.deepEqual(form.skippedRows, []);
});

void test('a GBK-or-UTF-8 .csv exported with tabs is split on tabs; a BOM is dropped', () => {
  const g = csvGrid('\ufeff序号\t活动名称\r\n1\t讲座\r\n', 'x.csv');
  assert.deepEqual(g.rows.map((r) => r.map((c) => c?.value ?? null)), [['序号', '活动名称'], ['1', '讲座']]);
  assert.equal(g.rows[1]![1]!.ref, 'B2');
});

void test('a giant merge in a hostile sheet is looked up by range, not indexed cell by cell', () => {
  const view = viewGrid({ name: 's', rows: [[{ ref: 'A1', value: '标题', numFmt: null, hyperlink: null }]], merges: [{ top: 1, left: 1, bottom: 1_048_576, right: 16_384 }] });
  assert.equal(view.at(500_000, 9_000)?.ref, 'A1');
  assert.equal(view.isMaster(2, 2), false);
});
