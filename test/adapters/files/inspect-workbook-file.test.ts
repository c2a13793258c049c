import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { extractZipEntry, inspectWorkbookFile, listZipArchive, FILE_PROBLEM } from '../../../src/adapters/files/index.js';

const fixture = (name: string): Buffer => fs.readFileSync(`test/fixtures/forms/${name}`);

const cases: Array<[string, string, RegExp]> = [
  ['bad-empty.xlsx', FILE_PROBLEM.empty, /空文件.*重新添加附件/],
  ['bad-legacy.xls', FILE_PROBLEM.legacyXls, /Excel 97-2003.*另存为.*\*\.xlsx/],
  ['bad-legacy-renamed.xlsx', FILE_PROBLEM.legacyXls, /旧版 Excel 97-2003 格式/],
  ['bad-wps.et', FILE_PROBLEM.wpsEt, /WPS 表格格式（\.et）.*另存为/],
  ['bad-encrypted.xlsx', FILE_PROBLEM.encrypted, /设置了打开密码.*取消密码保护/],
  ['bad-truncated.xlsx', FILE_PROBLEM.corrupt, /已损坏/],
  ['bad-renamed-pdf.xlsx', FILE_PROBLEM.wrongType, /实际是PDF 文件/],
  ['bad-docx-renamed.xlsx', FILE_PROBLEM.notWorkbook, /Word 文档（\.docx）/],
  ['bad-bomb-declared.xlsx', FILE_PROBLEM.tooLarge, /超过 100 MB（声明大小 3500 MB 以上）/],
  ['bad-bomb-ratio.xlsx', FILE_PROBLEM.tooLarge, /“xl\/worksheets\/sheet1\.xml”的压缩比为 1029 倍（上限 200 倍）/],
  ['bad-bomb-lying.xlsx', FILE_PROBLEM.tooLarge, /实际大小超过文件中声明的大小/],
];

for (const [file, code, message] of cases) {
  void test(`a unit sends ${file} → it is told, in Chinese, what to do (${code}), and nothing crashes`, async () => {
    const result = await inspectWorkbookFile(fixture(file), file);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, code);
    assert.equal(result.problem.severity, 'error');
    assert.equal(result.problem.value, file);
    assert.match(result.problem.message, message);
    assert.ok(result.problem.message.includes(`“${file}”`), 'the message names the attachment');
  });
}

void test('real workbooks, from exceljs and from LibreOffice, pass inspection', async () => {
  for (const file of ['recommendation-valid.xlsx', 'report-valid.xlsx', 'lo-report-valid.xlsx', 'both-forms.xlsx']) {
    assert.deepEqual(await inspectWorkbookFile(fixture(file), file), { ok: true }, file);
  }
});

void test('limits are the caller’s: a form with more parts than allowed is refused before inflating', async () => {
  const result = await inspectWorkbookFile(fixture('report-valid.xlsx'), 'r.xlsx', { maxEntries: 5 });
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.problem.message, /包含 \d+ 个文件（上限 5 个）/);
});

void test('a report zipped on Chinese Windows: GBK entry names decode, the flagged UTF-8 one too', async () => {
  const listing = await listZipArchive(fixture('report-bundle-gbk.zip'));
  assert.equal(listing.ok, true);
  if (!listing.ok) return;
  assert.deepEqual(listing.entries.map((e) => e.name), ['附件2-统计表.xlsx', '活动总结/总结材料.docx', '影像资料/现场照片.jpg']);
  const inner = await extractZipEntry(fixture('report-bundle-gbk.zip'), '附件2-统计表.xlsx');
  assert.equal(inner.ok, true);
  if (inner.ok) assert.deepEqual(inner.bytes, fixture('report-valid.xlsx'));
});

void test('extracting from a zip that lies about an entry’s size stops at the declared size', async () => {
  const result = await extractZipEntry(fixture('bad-bomb-lying.xlsx'), 'xl/worksheets/sheet1.xml');
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.problem.code, FILE_PROBLEM.tooLarge);
});
