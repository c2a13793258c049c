/**
 * What exceljs is handed after inspection: the parts the inspection inflated and proved, stored
 * uncompressed, so nothing is inflated twice and exceljs inflates nothing unseen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { listZipArchive, openWorkbookFile } from '../../../src/adapters/files/index.js';
import { inflatePart, SYNC_INFLATE_MAX_BYTES } from '../../../src/adapters/files/zip-part.js';
import { writeZip } from '../../domain/forms/zip-writer.js';

async function partsOf(bytes: Buffer): Promise<Map<string, { method: number; data: Buffer }>> {
  const listing = await listZipArchive(bytes);
  assert.ok(listing.ok);
  return new Map(listing.entries.filter((e) => !e.isDirectory).map((e) => [e.name, { method: e.compressionMethod, data: inflatePart(bytes, e) }]));
}

void test('a form is handed over as the same parts, in the same order, stored uncompressed', async () => {
  for (const file of ['report-valid.xlsx', 'lo-report-valid.xlsx', 'both-forms.xlsx']) {
    const sent = fs.readFileSync(`test/fixtures/forms/${file}`);
    const opened = await openWorkbookFile(sent, file);
    assert.ok(opened.ok, file);
    const before = await partsOf(sent);
    const after = await partsOf(opened.bytes);
    assert.deepEqual([...after.keys()], [...before.keys()], file);
    for (const [name, part] of after) {
      assert.equal(part.method, 0, `${file} ${name} is stored`);
      assert.deepEqual(part.data, before.get(name)!.data, `${file} ${name}`);
    }
  }
});

void test('a workbook with a part too big to hold is handed over as sent (that part was streamed)', async () => {
  const big = `<worksheet><!--${crypto.randomBytes(SYNC_INFLATE_MAX_BYTES).toString('base64')}--></worksheet>`;
  const sent = writeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(big) }]);
  const opened = await openWorkbookFile(sent, 'big.xlsx');
  assert.ok(opened.ok);
  assert.equal(opened.bytes, sent);
});

void test('with the size proof turned off, the file is handed over as sent', async () => {
  const sent = fs.readFileSync('test/fixtures/forms/report-valid.xlsx');
  const opened = await openWorkbookFile(sent, 'r.xlsx', { verifyInflate: false });
  assert.ok(opened.ok);
  assert.equal(opened.bytes, sent);
});

void test('parts the reader does not use are left out of what exceljs gets, and then never inflated', async () => {
  const unusedParts = /^(?:docProps\/|xl\/theme\/)/;
  const sent = fs.readFileSync('test/fixtures/forms/report-valid.xlsx');
  const opened = await openWorkbookFile(sent, 'r.xlsx', { unusedParts });
  assert.ok(opened.ok);
  const handed = [...(await partsOf(opened.bytes)).keys()];
  assert.deepEqual(handed, [...(await partsOf(sent)).keys()].filter((n) => !unusedParts.test(n)));
  assert.ok(handed.includes('xl/styles.xml') && handed.includes('xl/worksheets/sheet1.xml'));

  // A lying docProps part: nothing inflates it when it is left out; proven (and refused) when exceljs would get it.
  const lying = writeZip([
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'docProps/core.xml', data: Buffer.alloc(3_000_000, 0x20), declaredSize: 1_000 },
  ]);
  const leftOut = await openWorkbookFile(lying, 'l.xlsx', { unusedParts });
  assert.ok(leftOut.ok);
  assert.deepEqual([...(await partsOf(leftOut.bytes)).keys()], ['xl/workbook.xml']);
  const proven = await openWorkbookFile(lying, 'l.xlsx');
  assert.equal(!proven.ok && proven.problem.code, 'file-too-large');
});

void test('when a part exceljs needs is too big to hold, it gets the file as sent and every part is proven, unused ones too', async () => {
  const big = `<worksheet><!--${crypto.randomBytes(SYNC_INFLATE_MAX_BYTES).toString('base64')}--></worksheet>`;
  const sent = writeZip([
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(big) },
    { name: 'docProps/core.xml', data: Buffer.alloc(3_000_000, 0x20), declaredSize: 1_000 },
  ]);
  const opened = await openWorkbookFile(sent, 'big.xlsx', { unusedParts: /^docProps\// });
  assert.equal(!opened.ok && opened.problem.code, 'file-too-large');
});
