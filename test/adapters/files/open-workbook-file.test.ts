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
