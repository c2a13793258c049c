import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { listZipArchive, openWorkbookFile } from '../../../../src/adapters/files/index.js';
import { inflatePart } from '../../../../src/adapters/files/zip-part.js';
import { withoutDataValidations } from '../../../../src/adapters/workbook/read/unread-elements.js';

const SHEET = 'xl/worksheets/sheet1.xml';
const sheet = (data: string, after: string): Buffer => Buffer.from(`<worksheet><sheetData>${data}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>${after}<hyperlinks><hyperlink ref="C3" r:id="rId1"/></hyperlinks></worksheet>`);

void test('a sheet’s data validations are cut, and nothing else', () => {
  const rules = '<dataValidations count="1"><dataValidation type="list" sqref="C1:C1048576"><formula1>"线下,线上"</formula1></dataValidation></dataValidations>';
  assert.equal(withoutDataValidations(SHEET, sheet('<row r="1"/>', rules)).toString(), sheet('<row r="1"/>', '').toString());
  assert.equal(withoutDataValidations(SHEET, sheet('', '<dataValidations count="0"/>')).toString(), sheet('', '').toString());
  assert.equal(withoutDataValidations(SHEET, sheet('', '<dataValidations/>')).toString(), sheet('', '').toString());
});

void test('what is not a whole validations element after the cells is left as it is', () => {
  const inCells = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<dataValidations>]]></t></is></c></row>', '');
  assert.equal(withoutDataValidations(SHEET, inCells), inCells);
  const unclosed = sheet('', '<dataValidations count="1"><dataValidation sqref="A1"/>');
  assert.equal(withoutDataValidations(SHEET, unclosed), unclosed);
  const other = sheet('', '<dataValidationsExtra/>');
  assert.equal(withoutDataValidations(SHEET, other), other);
  const rules = sheet('', '<dataValidations count="0"/>');
  assert.equal(withoutDataValidations('xl/styles.xml', rules), rules);
});

void test('a form handed to exceljs carries no data validations, and reads as before (read-workbook tests)', async () => {
  const sent = fs.readFileSync('test/fixtures/forms/report-valid.xlsx');
  const before = await listZipArchive(sent);
  assert.ok(before.ok);
  assert.match(inflatePart(sent, before.entries.find((e) => e.name === SHEET)!).toString(), /<dataValidations /);
  const opened = await openWorkbookFile(sent, 'r.xlsx', { trimPart: withoutDataValidations });
  assert.ok(opened.ok);
  const after = await listZipArchive(opened.bytes);
  assert.ok(after.ok);
  const handed = inflatePart(opened.bytes, after.entries.find((e) => e.name === SHEET)!).toString();
  assert.doesNotMatch(handed, /dataValidation/);
  assert.match(handed, /<\/sheetData>/);
});
