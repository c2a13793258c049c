/**
 * The parts of a form around the activity rows: the header block (推荐单位 / 填报单位, 联系人,
 * 联系电话, 电子邮箱), the columns the sheet must have, and at least one activity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeForm } from '../../../../src/domain/forms/judge/index.js';
import type { Problem } from '../../../../src/domain/forms/problem.js';
import { buildRead, ctx, recommendationDef, recommendationHeader, recommendationRow, reportDef, reportHeader, reportRow } from './helpers.js';

const strip = (p: Problem) => ({ code: p.code, severity: p.severity, cell: p.cell, column: p.column, value: p.value, message: p.message });

void test('a unit leaves 推荐单位 blank → it is asked to fill it in above the table', () => {
  const result = judgeForm(buildRead(recommendationDef, { header: { ...recommendationHeader, unit: '' }, rows: [recommendationRow()] }), recommendationDef, ctx);
  assert.deepEqual(result.problems.map(strip), [
    { code: 'header.required', severity: 'error', cell: 'B2', column: '推荐单位', value: '', message: '表头「推荐单位」(B2) 未填写，请在表格上方“推荐单位：”处填写。' },
  ]);
  assert.equal(result.header.unit, null);
});

void test('a report whose header block has no 填报单位 and no 联系人 at all → each named by its field', () => {
  const { unit: _u, contact: _c, ...rest } = reportHeader;
  const result = judgeForm(buildRead(reportDef, { header: rest, rows: [reportRow()] }), reportDef, ctx);
  assert.deepEqual(result.problems.map(strip), [
    { code: 'header.required', severity: 'error', cell: '填报单位', column: '填报单位', value: '', message: '表头「填报单位」未填写，请在表格上方“填报单位：”处填写。' },
    { code: 'header.required', severity: 'error', cell: '联系人', column: '联系人', value: '', message: '表头「联系人」未填写，请在表格上方“联系人：”处填写。' },
  ]);
});

void test('whatever 推荐单位 says is kept as written: whether it is a known unit is decided elsewhere', () => {
  const result = judgeForm(buildRead(recommendationDef, { header: { ...recommendationHeader, unit: ' 某某不存在学院 ' }, rows: [recommendationRow()] }), recommendationDef, ctx);
  assert.deepEqual(result.problems, []);
  assert.equal(result.header.unit, '某某不存在学院');
});

void test('a header phone and e-mail that cannot be used are each a correction', () => {
  const result = judgeForm(buildRead(recommendationDef, { header: { ...recommendationHeader, phone: '6123-4567', email: 'office@example' }, rows: [recommendationRow()] }), recommendationDef, ctx);
  assert.deepEqual(result.problems.map(strip), [
    { code: 'phone.invalid', severity: 'error', cell: 'B4', column: '联系电话', value: '6123-4567', message: '表头「联系电话」(B4) 填写为“6123-4567”，无法识别为电话号码，请填写 11 位手机号码，或“区号-座机号码”（如 010-6xxxxxxx，分机可写“转123”）；多个号码用顿号“、”分隔。' },
    { code: 'email.invalid', severity: 'error', cell: 'B5', column: '电子邮箱', value: 'office@example', message: '表头「电子邮箱」(B5) 填写为“office@example”，不是有效的电子邮箱地址，请填写完整的邮箱，如 name@bjtu.edu.cn。' },
  ]);
});

void test('电子邮箱 is optional, and a hyperlinked mailto: address is read', () => {
  const { email: _e, ...noEmail } = recommendationHeader;
  assert.deepEqual(judgeForm(buildRead(recommendationDef, { header: noEmail, rows: [recommendationRow()] }), recommendationDef, ctx).problems, []);
  const linked = judgeForm(buildRead(recommendationDef, { header: { ...recommendationHeader, email: { value: 'Office@Example.com', hyperlink: 'mailto:Office@Example.com' } }, rows: [recommendationRow()] }), recommendationDef, ctx);
  assert.deepEqual(linked.problems, []);
  assert.equal(linked.header.email, 'office@example.com');
});

void test('a unit deleted the 活动简介 column and the optional 备注 column → one error, naming 活动简介', () => {
  const read = buildRead(recommendationDef, { header: recommendationHeader, rows: [recommendationRow()], missing: ['summary', 'remarks'] });
  const result = judgeForm(read, recommendationDef, ctx);
  assert.deepEqual(result.problems.map(strip), [
    { code: 'column.missing', severity: 'error', cell: null, column: '活动简介', value: null, message: '工作表「推荐表」中找不到「活动简介」列，请使用下发的模板填写，不要删除或改名这一列。' },
  ]);
  assert.equal(result.rows[0]?.values.summary, null);
});

void test('a report without the 报道链接 column is fine until an activity reports media coverage', () => {
  const noLinks = judgeForm(buildRead(reportDef, { header: reportHeader, rows: [reportRow({ mediaReports: 0 })], missing: ['reportLinks'] }), reportDef, ctx);
  assert.deepEqual(noLinks.problems, []);
  const withReports = judgeForm(buildRead(reportDef, { header: reportHeader, rows: [reportRow({ mediaReports: 2 })], missing: ['reportLinks'] }), reportDef, ctx);
  assert.deepEqual(withReports.problems.map((p) => [p.code, p.column]), [['column.missing', '报道链接']]);
});

void test('a unit sends the template with no activity filled in → asked to add at least one', () => {
  const result = judgeForm(buildRead(recommendationDef, { header: recommendationHeader, rows: [] }), recommendationDef, ctx);
  assert.deepEqual(result.problems.map(strip), [
    { code: 'form.noActivityRows', severity: 'error', cell: null, column: null, value: null, message: '工作表「推荐表」中没有填写任何活动，请在表格中每行填写一项活动后再发送。' },
  ]);
  assert.deepEqual(result.rows, []);
});
