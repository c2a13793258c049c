import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ConfigError } from '../../../../src/config/config-error.js';
import { loadFormDefinitions, formContext } from '../../../../src/config/form-definitions.js';
import { buildTemplate, writeTemplates } from '../../../../src/adapters/workbook/template/index.js';
import { readWorkbook, READ_PROBLEM } from '../../../../src/adapters/workbook/read/index.js';
import { buildFilledForm } from '../../../domain/forms/fixture-builder.js';
import { writeZip } from '../../../domain/forms/zip-writer.js';
import { shippedForms } from '../../../domain/forms/load-defs.js';

const { campaign, defs, both } = shippedForms();

void test('the coordinator’s forms.yaml fills dropdowns from the campaign and the year into the title', () => {
  assert.deepEqual(defs.recommendation.columns.find((c) => c.key === 'category')?.options, campaign.categories);
  assert.deepEqual(defs.report.columns.find((c) => c.key === 'activityForm')?.options, ['线上', '线下', '线上线下']);
  assert.equal(defs.report.title, '2025年全国科技活动周和全国科技工作者日活动开展情况统计表');
  assert.deepEqual(defs.report.summedColumns, ['sessions', 'offlineAttendance', 'onlineAttendance', 'scientists', 'mediaReports']);
  assert.equal(defs.recommendation.totalsLabel, null);
  assert.deepEqual(formContext(campaign), { activityWindow: { start: '2025-05-01', end: '2025-06-10' }, year: 2025, maxActivityRows: 2000 });
});

void test('a mistake in forms.yaml names the file, the field and the fix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
  const text = fs.readFileSync('config/forms.yaml', 'utf8').replace('type: date, required: true, width: 12, hint: 如 2025-05-20 }', 'type: datum, required: true, width: 12 }');
  fs.writeFileSync(path.join(dir, 'forms.yaml'), text);
  assert.throws(() => loadFormDefinitions(dir, campaign), (e: unknown) => e instanceof ConfigError && /forms\.yaml: forms\.recommendation\.columns\[4\]\.type: type must be one of/.test(e.message));
  fs.rmSync(dir, { recursive: true });
});

for (const id of ['recommendation', 'report'] as const) {
  void test(`the blank ${id} template reads back as that form with no rows and its fingerprint`, async () => {
    const { forms, problems } = await readWorkbook(await buildTemplate(defs[id], campaign), both, 'blank.xlsx');
    assert.deepEqual(problems, []);
    assert.equal(forms.length, 1);
    assert.equal(forms[0]!.formId, id);
    assert.deepEqual(forms[0]!.rows, []);
    assert.deepEqual(forms[0]!.missingColumns, []);
    assert.deepEqual(forms[0]!.fingerprint, { formId: id, version: defs[id].version });
  });
}

void test('the template carries dropdowns, date and whole-number validation with prompts, print set-up and a veryHidden fingerprint', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplate(defs.report, campaign)) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('统计表')!;
  assert.deepEqual(sheet.getCell('C5').dataValidation.formulae, ['"政策宣传,科学家精神,成果科普,群众实践,网络宣传"']);
  assert.equal(sheet.getCell('C24').dataValidation.type, 'list');
  const date = sheet.getCell('E10').dataValidation;
  assert.equal(date.type, 'date');
  assert.deepEqual(date.formulae.map((d: Date) => d.toISOString().slice(0, 10)), ['2025-05-01', '2025-06-10']);
  const whole = sheet.getCell('H5').dataValidation;
  assert.deepEqual([whole.type, whole.operator, whole.formulae, whole.prompt], ['whole', 'greaterThanOrEqual', [1], '填写整数，至少为 1']);
  assert.equal((sheet.getCell('H25').value as ExcelJS.CellFormulaValue).formula, 'SUM(H5:H24)');
  assert.deepEqual([sheet.getCell('A5').value, sheet.getCell('A24').value, sheet.getCell('B5').value], [1, 20, null]);
  assert.equal(sheet.getCell('A1').value, defs.report.title);
  assert.equal(sheet.getCell('A2').value, '填报单位：');
  assert.equal(sheet.getCell('A4').font.bold, true);
  assert.equal(sheet.pageSetup.orientation, 'landscape');
  assert.equal(sheet.pageSetup.printTitlesRow, '4:4');
  assert.equal(wb.getWorksheet('_form')!.state, 'veryHidden');
});

void test('a form filled in an older template version still reads, with a warning only', async () => {
  const old = { ...defs.recommendation, version: '2024.2' };
  const bytes = await buildFilledForm(old, campaign, { header: { unit: '法学院' }, rows: [{ name: '宪法与科技讲座', category: '政策宣传' }] });
  const { forms, problems } = await readWorkbook(bytes, both, '推荐表.xlsx');
  assert.equal(forms.length, 1);
  assert.deepEqual(problems.map((p) => [p.code, p.severity, p.value]), [[READ_PROBLEM.templateVersion, 'warning', '2024.2']]);
  assert.match(problems[0]!.message, /旧版（2024\.2 版）模板，当前模板为 2025\.1 版/);
});

void test('writeTemplates writes both files under their configured names', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
  const written = await writeTemplates(defs, campaign, dir);
  assert.deepEqual(written.map((f) => path.basename(f)), ['附件1-特色群众性主题实践活动推荐表.xlsx', '附件2-活动开展情况统计表.xlsx']);
  assert.ok(written.every((f) => fs.statSync(f).size > 5000));
  fs.rmSync(dir, { recursive: true });
});

void test('a zip that is not a workbook but has an xl/ folder is named as incomplete', async () => {
  const { problems } = await readWorkbook(writeZip([{ name: 'xl/styles.xml', data: Buffer.from('<x/>') }]), both, 'a.xlsx');
  assert.match(problems[0]!.message, /不完整的 Excel 文件/);
});
