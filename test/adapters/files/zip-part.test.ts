import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { FILE_PROBLEM, inspectWorkbookFile, listZipArchive } from '../../../src/adapters/files/index.js';
import { inflatePart, readPart, streamPart, SYNC_INFLATE_MAX_BYTES, ZipSizeLie } from '../../../src/adapters/files/zip-part.js';
import { writeZip, type ZipFixtureEntry } from '../../domain/forms/zip-writer.js';

const workbookXml = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };

/** Text that deflate cannot shrink much, so a big part stays within the compression-ratio limit. */
function noise(bytes: number): string {
  return crypto.randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64').slice(0, bytes);
}

async function inspect(entries: ZipFixtureEntry[]): Promise<{ code: string; message: string } | null> {
  const result = await inspectWorkbookFile(writeZip([workbookXml, ...entries]), 'f.xlsx');
  return result.ok ? null : { code: result.problem.code, message: result.problem.message };
}

void test('a part that is not measured (styles) but lies about its size is still refused: exceljs would inflate it', async () => {
  const found = await inspect([{ name: 'xl/styles.xml', data: Buffer.alloc(3_000_000, 0x20), declaredSize: 2_000 }]);
  assert.equal(found?.code, FILE_PROBLEM.tooLarge);
  assert.match(found.message, /实际大小超过文件中声明的大小/);
});

void test('a sheet declared past the one-call size streams, and its lie is stopped at the declared size', async () => {
  const real = `<worksheet><!--${noise(SYNC_INFLATE_MAX_BYTES + 600_000)}--></worksheet>`;
  const declared = SYNC_INFLATE_MAX_BYTES + 100_000;
  const found = await inspect([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(real), declaredSize: declared }]);
  assert.equal(found?.code, FILE_PROBLEM.tooLarge);
  assert.match(found.message, /实际大小超过文件中声明的大小/);
  // Told the truth, the same part passes: the stream path measures it and finds nothing past a limit.
  assert.equal(await inspect([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(real) }]), null);
});

void test('a big sheet past a limit is refused from the stream, naming the row reached', async () => {
  const far = `<worksheet><sheetData><!--${noise(SYNC_INFLATE_MAX_BYTES + 10_000)}--><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>`;
  const found = await inspect([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(far) }]);
  assert.equal(found?.code, FILE_PROBLEM.tooBig);
  assert.match(found.message, /第 1048576 行（上限 20000 行）/);
});

void test('a part shorter than declared is damaged, not a size lie; in one call and streamed alike', async () => {
  const zip = writeZip([
    { name: 'small.xml', data: Buffer.alloc(1_000, 0x41), declaredSize: 1_500 },
    { name: 'big.bin', data: Buffer.from(noise(SYNC_INFLATE_MAX_BYTES + 10)), declaredSize: SYNC_INFLATE_MAX_BYTES + 1_000 },
  ]);
  const listing = await listZipArchive(zip);
  assert.ok(listing.ok);
  const [small, big] = listing.entries;
  assert.throws(() => inflatePart(zip, small!), (err: Error) => !(err instanceof ZipSizeLie) && /shorter than declared/.test(err.message));
  await assert.rejects(readPart(zip, big!), (err: Error) => !(err instanceof ZipSizeLie) && /shorter than declared/.test(err.message));
});

void test('inflating a part gives its bytes; streaming gives the same bytes', async () => {
  const sheet = fs.readFileSync('test/fixtures/forms/report-valid.xlsx');
  const listing = await listZipArchive(sheet);
  assert.ok(listing.ok);
  const part = listing.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const whole = inflatePart(sheet, part);
  assert.equal(whole.length, part.uncompressedSize);
  assert.match(whole.toString('utf8'), /<sheetData>/);
  const chunks: Buffer[] = [];
  await streamPart(sheet, part, (c) => { chunks.push(c); return false; });
  assert.deepEqual(Buffer.concat(chunks), whole);
});
