import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { classifyCfb, readCfbDirectory } from '../../../src/adapters/files/index.js';

void test('the CFB directory of a LibreOffice .xls lists its Workbook stream', () => {
  const entries = readCfbDirectory(fs.readFileSync('test/fixtures/forms/bad-legacy.xls'));
  assert.ok(entries);
  assert.ok(entries.some((e) => e.name === 'Workbook' && e.type === 'stream'));
  assert.equal(classifyCfb(entries, '推荐表.xls'), 'legacy-xls');
  assert.equal(classifyCfb(entries, '推荐表.et'), 'wps-et');
});

void test('an encrypted OOXML package is told by its EncryptionInfo and EncryptedPackage streams', () => {
  const entries = readCfbDirectory(fs.readFileSync('test/fixtures/forms/bad-encrypted.xlsx'));
  assert.deepEqual(entries?.map((e) => e.name), ['Root Entry', 'EncryptionInfo', 'EncryptedPackage']);
  assert.equal(classifyCfb(entries!, 'x.xlsx'), 'encrypted-ooxml');
});

void test('a CFB header cut short is broken, not a crash', () => {
  const head = fs.readFileSync('test/fixtures/forms/bad-legacy.xls').subarray(0, 600);
  assert.equal(readCfbDirectory(head), null);
});
