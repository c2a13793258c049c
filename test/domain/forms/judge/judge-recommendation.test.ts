/**
 * A unit sends Attachment 1 (推荐表): every rule of docs/forms.md ("Attachment 1 — 推荐表") broken once, with the exact cell,
 * code and Chinese message the unit will read in its correction request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeForm } from '../../../../src/domain/forms/judge/index.js';
import type { Problem } from '../../../../src/domain/forms/problem.js';
import { buildRead, ctx, recommendationDef as def, recommendationHeader, recommendationRow, type FormInput, type RowInput } from './helpers.js';

const judge = (input: FormInput) => judgeForm(buildRead(def, input), def, ctx);
const oneRow = (overrides: RowInput) => judge({ header: recommendationHeader, rows: [recommendationRow(overrides)] });
type Expected = Pick<Problem, 'code' | 'severity' | 'cell' | 'column' | 'value' | 'message'>;
const strip = (p: Problem): Expected => ({ code: p.code, severity: p.severity, cell: p.cell, column: p.column, value: p.value, message: p.message });
const error = (code: string, cell: string | null, column: string | null, value: string | null, message: string): Expected => ({ code, severity: 'error', cell, column, value, message });

void test('a unit sends a fully valid recommendation form → no problems, typed rows', () => {
  const result = judge({
    header: recommendationHeader,
    rows: [recommendationRow(), recommendationRow({ seq: 2, name: '科学家精神报告会', category: '科学家精神', activityForm: '线上线下', startDate: new Date('2025-05-28T00:00:00Z'), endDate: 45805, expectedParticipants: '1,200', leaderPhone: '13900000000、010-61234567转8021' })],
  });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.header, { unit: '科学技术研究院', contact: '张老师', phone: '010-61234567', email: 'office@example.com' });
  assert.equal(result.formId, 'recommendation');
  assert.equal(result.sheet, '推荐表');
  assert.deepEqual(result.rows[1], {
    rowNumber: 8,
    values: {
      seq: 2, name: '科学家精神报告会', category: '科学家精神', activityForm: '线上线下', startDate: '2025-05-28', endDate: '2025-05-28',
      place: '思源楼', audience: '中小学生', expectedParticipants: 1200, leader: '李老师', leaderPhone: '13900000000、010-61234567转8021',
      summary: '开放实验室，面向公众展示科研成果。', remarks: null,
    },
  });
});

void test('a unit writes the dates as 5月20日-22日 in 开始日期 and leaves 结束日期 empty → both dates are filled, no problem', () => {
  const result = oneRow({ startDate: '5月20日-22日', endDate: null });
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows[0]?.values.startDate, '2025-05-20');
  assert.equal(result.rows[0]?.values.endDate, '2025-05-22');
});

void test('a unit writes full-width digits, spaces and 3 成果科普 → all read as meant', () => {
  const result = oneRow({ category: '3 成果科普', activityForm: '线下 ', startDate: '２０２５年５月２０日', expectedParticipants: '２００人', leaderPhone: '１３９００００００００' });
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows[0]?.values.category, '成果科普');
  assert.equal(result.rows[0]?.values.expectedParticipants, 200);
});

const cellCases: Array<{ story: string; row: RowInput; expected: Expected[] }> = [
  {
    story: '开始日期 written as 5.20',
    row: { startDate: '5.20' },
    expected: [error('date.unrecognised', 'E7', '开始日期', '5.20', '第7行「开始日期」(E7) 填写为“5.20”，无法识别为日期，请填写为 2025-05-20 这样的日期。')],
  },
  {
    story: '结束日期 that does not exist',
    row: { endDate: '2025-05-32' },
    expected: [error('date.notReal', 'F7', '结束日期', '2025-05-32', '第7行「结束日期」(F7) 填写为“2025-05-32”，没有这一天，请核对后填写为 2025-05-20 这样的日期。')],
  },
  {
    story: '开始日期 before the activity window',
    row: { startDate: '2025-04-20' },
    expected: [error('date.outsideWindow', 'E7', '开始日期', '2025-04-20', '第7行「开始日期」(E7) 为 2025-04-20，不在活动时间 2025-05-01 至 2025-06-10 之内，请核对后填写这段时间内的日期。')],
  },
  {
    story: '结束日期 after the window',
    row: { endDate: '6月15日' },
    expected: [error('date.outsideWindow', 'F7', '结束日期', '6月15日', '第7行「结束日期」(F7) 为 2025-06-15，不在活动时间 2025-05-01 至 2025-06-10 之内，请核对后填写这段时间内的日期。')],
  },
  {
    story: 'a range in 开始日期 that runs past the window',
    row: { startDate: '6月8日-6月12日', endDate: null },
    expected: [error('date.outsideWindow', 'E7', '开始日期', '6月8日-6月12日', '第7行「开始日期」(E7) 为 2025-06-12，不在活动时间 2025-05-01 至 2025-06-10 之内，请核对后填写这段时间内的日期。')],
  },
  {
    story: '结束日期 before 开始日期',
    row: { startDate: '2025-05-25', endDate: '2025-05-21' },
    expected: [error('date.endBeforeStart', 'F7', '结束日期', '2025-05-21', '第7行「结束日期」(F7) 为 2025-05-21，早于开始日期 2025-05-25，结束日期不能早于开始日期，请核对。')],
  },
  {
    story: '结束日期 empty, 开始日期 a single day',
    row: { endDate: null },
    expected: [error('cell.required', 'F7', '结束日期', '', '第7行「结束日期」(F7) 未填写，请填写结束日期，如 2025-05-20。')],
  },
  {
    story: '活动名称 empty',
    row: { name: '  ' },
    expected: [error('cell.required', 'B7', '活动名称', '', '第7行「活动名称」(B7) 未填写，请填写活动名称。')],
  },
  {
    story: '活动名称 of 51 characters',
    row: { name: '科'.repeat(51) },
    expected: [error('text.tooLong', 'B7', '活动名称', '科'.repeat(51), '第7行「活动名称」(B7) 共 51 字，超过 50 字的上限，请精简到 50 字以内。')],
  },
  {
    story: '活动简介 of 501 characters',
    row: { summary: '介'.repeat(501) },
    expected: [error('text.tooLong', 'L7', '活动简介', '介'.repeat(501), '第7行「活动简介」(L7) 共 501 字，超过 500 字的上限，请精简到 500 字以内。')],
  },
  {
    story: '活动类别 not in the list',
    row: { category: '科普讲座' },
    expected: [error('enum.notAnOption', 'C7', '活动类别', '科普讲座', '第7行「活动类别」(C7) 填写为“科普讲座”，不是可选项，请从下拉列表中选择：政策宣传、科学家精神、成果科普、群众实践、网络宣传。')],
  },
  {
    story: '活动类别 with the wrong number in front',
    row: { category: '2 成果科普' },
    expected: [error('enum.notAnOption', 'C7', '活动类别', '2 成果科普', '第7行「活动类别」(C7) 填写为“2 成果科普”，不是可选项，请从下拉列表中选择：政策宣传、科学家精神、成果科普、群众实践、网络宣传。')],
  },
  {
    story: '活动形式 empty',
    row: { activityForm: null },
    expected: [error('cell.required', 'D7', '活动形式', '', '第7行「活动形式」(D7) 未填写，请从下拉列表中选择：线上、线下、线上线下。')],
  },
  {
    story: '活动地点 empty',
    row: { place: null },
    expected: [error('cell.required', 'G7', '活动地点', '', '第7行「活动地点」(G7) 未填写，请填写活动地点。')],
  },
  {
    story: '预计参与人数 约200',
    row: { expectedParticipants: '约200' },
    expected: [error('integer.approximate', 'I7', '预计参与人数', '约200', '第7行「预计参与人数」(I7) 填写为“约200”，请填写确切的数字，只写阿拉伯数字，如 200（不要加“约”“+”“余”等字）。')],
  },
  {
    story: '预计参与人数 200+',
    row: { expectedParticipants: '200+' },
    expected: [error('integer.approximate', 'I7', '预计参与人数', '200+', '第7行「预计参与人数」(I7) 填写为“200+”，请填写确切的数字，只写阿拉伯数字，如 200（不要加“约”“+”“余”等字）。')],
  },
  {
    story: '预计参与人数 二百',
    row: { expectedParticipants: '二百' },
    expected: [error('integer.notNumber', 'I7', '预计参与人数', '二百', '第7行「预计参与人数」(I7) 填写为“二百”，不是数字，请只填写阿拉伯数字，如 200。')],
  },
  {
    story: '预计参与人数 0 (at least 1)',
    row: { expectedParticipants: 0 },
    expected: [error('integer.belowMin', 'I7', '预计参与人数', '0', '第7行「预计参与人数」(I7) 填写为“0”，不能小于 1，请填写 1 或以上的整数。')],
  },
  {
    story: '预计参与人数 empty',
    row: { expectedParticipants: null },
    expected: [error('cell.required', 'I7', '预计参与人数', '', '第7行「预计参与人数」(I7) 未填写，请填写预计参与人数（阿拉伯数字整数）。')],
  },
  {
    story: '负责人 empty',
    row: { leader: '' },
    expected: [error('cell.required', 'J7', '负责人', '', '第7行「负责人」(J7) 未填写，请填写负责人。')],
  },
  {
    story: '联系电话 one digit short',
    row: { leaderPhone: '1390000000' },
    expected: [error('phone.invalid', 'K7', '联系电话', '1390000000', '第7行「联系电话」(K7) 填写为“1390000000”，无法识别为电话号码，请填写 11 位手机号码，或“区号-座机号码”（如 010-6xxxxxxx，分机可写“转123”）；多个号码用顿号“、”分隔。')],
  },
  {
    story: '联系电话 with one good and one bad number',
    row: { leaderPhone: '13900000000、6123' },
    expected: [error('phone.invalid', 'K7', '联系电话', '13900000000、6123', '第7行「联系电话」(K7) 填写为“13900000000、6123”，其中“6123”无法识别为电话号码，请填写 11 位手机号码，或“区号-座机号码”（如 010-6xxxxxxx，分机可写“转123”）；多个号码用顿号“、”分隔。')],
  },
  {
    story: '联系电话 empty',
    row: { leaderPhone: null },
    expected: [error('cell.required', 'K7', '联系电话', '', '第7行「联系电话」(K7) 未填写，请填写联系电话（手机号码或带区号的座机号码）。')],
  },
  {
    story: '活动简介 empty',
    row: { summary: null },
    expected: [error('cell.required', 'L7', '活动简介', '', '第7行「活动简介」(L7) 未填写，请填写活动简介。')],
  },
  {
    story: '序号 written as a word',
    row: { seq: '一' },
    expected: [error('integer.notNumber', 'A7', '序号', '一', '第7行「序号」(A7) 填写为“一”，不是数字，请只填写阿拉伯数字，如 200。')],
  },
];

for (const { story, row, expected } of cellCases) {
  void test(`a unit sends the recommendation form with ${story} → one correction naming that cell`, () => {
    assert.deepEqual(oneRow(row).problems.map(strip), expected);
  });
}

void test('optional 面向对象 and 备注 may stay empty; an empty cell that failed is typed as null', () => {
  const result = oneRow({ audience: null, remarks: null, expectedParticipants: '约200' });
  assert.deepEqual(result.problems.map((p) => p.cell), ['I7']);
  assert.equal(result.rows[0]?.values.expectedParticipants, null);
  assert.equal(result.rows[0]?.values.audience, null);
});

void test('problems carry the form and sheet, and come in reading order: left to right, top to bottom', () => {
  const result = judge({ header: recommendationHeader, rows: [recommendationRow({ startDate: '5.20', name: '' }), recommendationRow({ category: 'x' })] });
  assert.deepEqual(result.problems.map((p) => p.cell), ['B7', 'E7', 'C8']);
  assert.ok(result.problems.every((p) => p.form === 'recommendation' && p.sheet === '推荐表'));
});
