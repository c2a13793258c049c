import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { annotatedFileName, annotateWorkbook, ERROR_FILL_ARGB, WARNING_FILL_ARGB } from '../../../src/adapters/workbook/annotate-workbook.js';
import { badDate, badPhone, problem } from '../../domain/replies/reply-fixtures.js';

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };

/** A small 推荐表: every data cell shares one bordered style, as in the real template. */
async function unitWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('推荐表');
  ws.getColumn(2).width = 30;
  ws.getCell('A1').value = '推荐表';
  ws.getCell('A1').note = '单位自己写的批注';
  ws.getCell('A3').value = '推荐单位：';
  ws.getCell('B3').value = '电信学院';
  ws.getRow(6).values = ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '联系电话'];
  const data = [
    [1, '科普讲座', '成果科普', '线下', '5.20', new Date(Date.UTC(2025, 4, 21)), '主楼', '学生', 200, '张老师', '13800000000'],
    [2, '实验室开放日', '成果科普', '线下', new Date(Date.UTC(2025, 4, 22)), new Date(Date.UTC(2025, 4, 22)), '实验楼', '公众', 100, '李老师', '1381234567'],
  ];
  data.forEach((values, i) => {
    const row = ws.getRow(7 + i);
    row.values = values;
    for (let c = 1; c <= 11; c++) row.getCell(c).border = BORDER;
  });
  wb.addWorksheet('说明').getCell('A1').value = '填表说明';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function fillOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? (fill.fgColor?.argb ?? null) : null;
}

function noteOf(cell: ExcelJS.Cell): string | null {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  if (!note) return null;
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

test('a correction request’s workbook copy marks exactly the problem cells: red errors, yellow warnings, a note on each', async () => {
  const warningK8 = problem({ severity: 'warning', cell: 'K8', message: '第8行 联系电话 建议核对。' });
  const warningC7 = problem({ severity: 'warning', cell: 'c7', message: '第7行 活动类别 建议核对。' });
  const skipped = [
    problem({ cell: '推荐单位', message: '表头 推荐单位 有误。' }),
    problem({ cell: null, message: '缺少一列。' }),
    problem({ cell: 'B8', sheet: '别的表', message: '不存在的工作表。' }),
    problem({ cell: 'B8', sheet: null, message: '没有工作表。' }),
  ];
  const original = await unitWorkbook();
  const annotated = await annotateWorkbook(original, [badDate, badPhone, warningK8, warningC7, ...skipped]);
  assert.ok(annotated);

  const before = await load(original);
  const after = await load(annotated);
  const sheet = after.getWorksheet('推荐表')!;
  const expectedFill: Record<string, string> = { E7: ERROR_FILL_ARGB, K8: ERROR_FILL_ARGB, C7: WARNING_FILL_ARGB };
  const seen: string[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const expected = expectedFill[cell.address] ?? null;
      assert.equal(fillOf(cell), expected, `fill of ${cell.address}`);
      if (expected) seen.push(cell.address);
      // Values are untouched.
      assert.deepEqual(cell.value, before.getWorksheet('推荐表')!.getCell(cell.address).value, `value of ${cell.address}`);
    });
  });
  assert.deepEqual(seen.sort(), ['C7', 'E7', 'K8']);

  assert.equal(noteOf(sheet.getCell('E7')), badDate.message);
  assert.equal(noteOf(sheet.getCell('K8')), `${badPhone.message}\n第8行 联系电话 建议核对。`, 'both problems of a cell, error wins the colour');
  assert.equal(noteOf(sheet.getCell('C7')), '第7行 活动类别 建议核对。');
  assert.equal(noteOf(sheet.getCell('A1')), '单位自己写的批注', 'the unit’s own note is kept');
  for (const ref of ['B3', 'B8', 'E8', 'K7']) assert.equal(noteOf(sheet.getCell(ref)), null, `no note on ${ref}`);

  // The rest of the workbook is kept: borders of the marked cells, widths, other sheets.
  assert.deepEqual(sheet.getCell('E7').border, BORDER);
  assert.equal(sheet.getColumn(2).width, 30);
  assert.equal(after.getWorksheet('说明')!.getCell('A1').value, '填表说明');
});

test('a workbook that cannot be loaded gives null: the mail goes out without the attachment', async () => {
  assert.equal(await annotateWorkbook(Buffer.from('this is not a zip'), [badDate]), null);
  assert.equal(await annotateWorkbook(Buffer.alloc(0), [badDate]), null);
});

test('the annotated copy is named after the unit’s file and is always .xlsx', () => {
  assert.equal(annotatedFileName('附件1-推荐表（电信学院）.xlsx'), '问题标注-附件1-推荐表（电信学院）.xlsx');
  assert.equal(annotatedFileName('some/dir/推荐表.XLSX', 'en'), 'annotated-推荐表.xlsx');
  assert.equal(annotatedFileName(''), '问题标注-表格.xlsx');
});
