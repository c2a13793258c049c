import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readWorkbook, READ_PROBLEM } from '../../../../src/adapters/workbook/read/index.js';
import type { RawCell, ReadForm } from '../../../../src/domain/forms/types.js';
import { shippedForms } from '../../../domain/forms/load-defs.js';

const { both, defs } = shippedForms();
const read = (file: string) => readWorkbook(fs.readFileSync(`test/fixtures/forms/${file}`), both, file);
const value = (c: RawCell | undefined) => (c?.value instanceof Date ? c.value.toISOString().slice(0, 10) : c?.value);
const column = (form: ReadForm, key: string) => form.rows.map((r) => value(r.cells[key]));

for (const file of ['recommendation-valid.xlsx', 'lo-recommendation-valid.xlsx']) {
  void test(`a unit fills the recommendation template (${file}) → four activities, padding left out, header block read`, async () => {
    const { forms, problems } = await read(file);
    assert.deepEqual(problems, []);
    assert.equal(forms.length, 1);
    const form = forms[0]!;
    assert.equal(form.formId, 'recommendation');
    assert.equal(form.sheet, '推荐表');
    assert.equal(form.headerRowNumber, 4);
    assert.deepEqual(form.missingColumns, []);
    assert.deepEqual(form.fingerprint, { formId: 'recommendation', version: defs.recommendation.version });
    assert.deepEqual(form.rows.map((r) => r.rowNumber), [5, 6, 7, 8]);
    assert.deepEqual(column(form, 'name'), ['人工智能进校园科普讲座', '科学家精神主题展', '实验室开放日', '网络安全知识直播']);
    assert.deepEqual(column(form, 'startDate'), ['2025-05-20', '2025-05-24', '2025-05-30', '2025-06-03']);
    assert.equal(form.rows[0]!.cells.startDate!.numFmt, 'yyyy-mm-dd');
    assert.deepEqual(column(form, 'expectedParticipants'), [200, 1500, 80, 3000]);
    assert.equal(form.rows[1]!.cells.leaderPhone!.ref, 'K6');
    assert.equal(form.rows[1]!.cells.leaderPhone!.value, '010-51680002');
    assert.deepEqual(Object.fromEntries(Object.entries(form.headerFields).map(([k, c]) => [k, [c?.ref, c?.value]])), {
      unit: ['C2', '计算机科学与技术学院'], contact: ['J2', '王老师'], phone: ['C3', '010-51680001'], email: ['J3', 'kx@example.edu.cn'],
    });
    assert.equal(form.totalsRow, null);
  });
}

for (const file of ['report-valid.xlsx', 'lo-report-valid.xlsx']) {
  void test(`a unit fills the report template (${file}) → three activities and the 合计 row with cached SUM results`, async () => {
    const { forms, problems } = await read(file);
    assert.deepEqual(problems, []);
    const form = forms[0]!;
    assert.equal(form.formId, 'report');
    assert.deepEqual(form.rows.map((r) => r.rowNumber), [5, 6, 7]);
    assert.deepEqual(column(form, 'offlineAttendance'), [320, 150, 40]);
    assert.deepEqual(column(form, 'reportLinks'), ['https://news.example.edu.cn/2025/0512.html', 'https://news.example.edu.cn/2025/0527.html\nhttps://mp.example.com/s/abc123', null]);
    assert.equal(form.totalsRow?.rowNumber, 25);
    assert.equal(form.totalsRow?.cells.name?.value, '合计');
    assert.deepEqual(['sessions', 'offlineAttendance', 'onlineAttendance', 'scientists', 'mediaReports'].map((k) => [form.totalsRow?.cells[k]?.ref, form.totalsRow?.cells[k]?.value]),
      [['H25', 4], ['I25', 510], ['J25', 600], ['K25', 52], ['L25', 3]]);
    assert.equal(form.headerFields.unit?.value, '土木建筑工程学院');
  });
}

void test('both forms in one workbook → one ReadForm per sheet, each with its own fingerprint', async () => {
  const { forms, problems } = await read('both-forms.xlsx');
  assert.deepEqual(problems, []);
  assert.deepEqual(forms.map((f) => [f.formId, f.sheet, f.rows.length, f.fingerprint?.formId]), [
    ['recommendation', '推荐表', 2, 'recommendation'], ['report', '统计表', 2, 'report'],
  ]);
  assert.equal(forms[1]!.headerFields.unit?.value, '计算机科学与技术学院');
});

for (const file of ['report-special-cells.xlsx', 'lo-report-special-cells.xlsx']) {
  void test(`merged, rich-text, formula and hyperlink cells are read as a person sees them (${file})`, async () => {
    const form = (await read(file)).forms[0]!;
    const [first, second] = form.rows;
    assert.equal(first!.cells.name?.value, '桥梁模型设计大赛', 'rich text flattened');
    assert.deepEqual([second!.cells.category?.ref, second!.cells.category?.value], ['C5', '群众实践'], 'merged C5:C6 gives the master');
    assert.deepEqual([first!.cells.sessions?.ref, first!.cells.sessions?.value], ['H5', 2], 'formula gives its cached result');
    assert.deepEqual([first!.cells.reportLinks?.value, first!.cells.reportLinks?.hyperlink], ['新闻网报道', 'https://news.example.edu.cn/2025/0512.html']);
    assert.deepEqual([form.headerFields.unit?.ref, form.headerFields.unit?.value], ['A2', '土木建筑工程学院'], 'value after the colon in the label cell');
  });
}

void test('dates and phones in every spelling reach the validator untouched; serials keep their General format', async () => {
  const form = (await read('dates-and-phones.xlsx')).forms[0]!;
  assert.equal(form.rows.length, 10);
  assert.deepEqual(column(form, 'startDate'), ['2025-05-20', '2025/5/20', '2025.5.20', '2025年5月20日', '5月20日', '5月20日-22日', 45797, '2025-05-20', '2025-05-20', '2025-05-20']);
  assert.deepEqual(column(form, 'endDate'), ['2025/5/22', '2025.5.21', '2025年5月22日', '5月22日', '2025-05-21', null, 45799, '2025-05-21', '2025-05-20', '2025-05-20']);
  assert.equal(form.rows[6]!.cells.startDate?.numFmt, null);
  assert.ok(form.rows[7]!.cells.startDate?.value instanceof Date);
  assert.deepEqual(column(form, 'leaderPhone').slice(3, 7), ['010-51688888-8001', '0532-12345678', '13800138000 13900139000', '13800138000、010-51688888']);
  assert.equal(form.headerFields.phone?.value, '010-51680001 13800138000');
});

void test('an old, retyped form: header found at row 6 by its texts, columns mapped whatever their order, marks ignored', async () => {
  const { forms, problems } = await read('recommendation-old-template.xlsx');
  assert.deepEqual(problems, [], 'no fingerprint is fine');
  const form = forms[0]!;
  assert.equal(form.headerRowNumber, 6);
  assert.equal(form.fingerprint, null);
  assert.deepEqual(form.columns.name, { letter: 'B', headerText: '活动名称' });
  assert.deepEqual([form.columns.activityForm?.letter, form.columns.startDate?.letter, form.columns.leaderPhone?.letter], ['F', 'D', 'K']);
  assert.deepEqual(form.missingColumns, ['audience']);
  assert.deepEqual(form.rows.map((r) => r.rowNumber), [7, 8], 'padding row 9, the note in row 10 and styled empty rows left out');
  assert.deepEqual(column(form, 'startDate'), ['2025-05-21', '2025/5/10']);
  assert.deepEqual(Object.fromEntries(Object.entries(form.headerFields).map(([k, c]) => [k, [c?.ref, c?.value]])), {
    unit: ['A3', '经济管理学院'], contact: ['A3', '刘老师'], phone: ['A3', '13511112222'], email: ['B4', 'jg@example.edu.cn'],
  });
});

void test('a sheet with no form header → one error naming the forms expected and the template', async () => {
  const { forms, problems } = await read('no-form-header.xlsx');
  assert.deepEqual(forms, []);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, READ_PROBLEM.headerNotFound);
  assert.equal(problems[0]!.severity, 'error');
  assert.match(problems[0]!.message, /没有找到推荐表（附件1）的表头.*或统计表（附件2）的表头.*请使用通知所附的模板填写/);
});

void test('a bad file never reaches exceljs: the inspection problem is the result', async () => {
  const { forms, problems } = await read('bad-bomb-declared.xlsx');
  assert.deepEqual(forms, []);
  assert.deepEqual(problems.map((p) => p.code), ['file-too-large']);
});
