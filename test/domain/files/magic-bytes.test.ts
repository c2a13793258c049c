import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { sniffMagic, extensionFor } from '../../../src/domain/files/magic-bytes.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ftyp = (brand: string): Uint8Array =>
  Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftyp' + brand + '\0\0\0\0', 'latin1')]);

void test('a unit renames a file: the bytes, not the name, say it is an xlsx (zip container)', () => {
  assert.equal(sniffMagic(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)), 'zip');
  assert.equal(sniffMagic(bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0)), 'zip');
});

void test('a legacy .xls, a WPS .et or an encrypted xlsx all show up as a CFB container', () => {
  assert.equal(sniffMagic(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)), 'cfb');
  // Seven of eight signature bytes is not CFB.
  assert.notEqual(sniffMagic(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a)), 'cfb');
});

void test('documents, photos and archives a unit may attach are told apart', () => {
  assert.equal(sniffMagic(Buffer.from('%PDF-1.7\n')), 'pdf');
  assert.equal(sniffMagic(bytes(0xff, 0xd8, 0xff, 0xe0)), 'jpeg');
  assert.equal(sniffMagic(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'png');
  assert.equal(sniffMagic(Buffer.from('GIF89a')), 'gif');
  assert.equal(sniffMagic(bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00)), 'rar');
  assert.equal(sniffMagic(bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)), '7z');
  assert.equal(sniffMagic(bytes(0x1f, 0x8b, 0x08)), 'gzip');
  assert.equal(sniffMagic(Buffer.from('{\\rtf1\\ansi')), 'rtf');
});

void test('an iPhone photo (HEIC) and phone videos (MP4, MOV) are recognised by their ftyp brand', () => {
  assert.equal(sniffMagic(ftyp('heic')), 'heic');
  assert.equal(sniffMagic(ftyp('mif1')), 'heic');
  assert.equal(sniffMagic(ftyp('isom')), 'mp4');
  assert.equal(sniffMagic(ftyp('mp42')), 'mp4');
  assert.equal(sniffMagic(ftyp('qt  ')), 'mov');
});

void test('an HTML page saved as .xls (some systems export "Excel" that way) is html, not a workbook', () => {
  assert.equal(sniffMagic(Buffer.from('\ufeff  <html xmlns:x="urn:schemas-microsoft-com:office:excel">')), 'html');
  assert.equal(sniffMagic(Buffer.from('<!DOCTYPE html><p>hi')), 'html');
});

void test('plain text in UTF-8 or GB18030 is text; binary with NULs is unknown', () => {
  assert.equal(sniffMagic(Buffer.from('总结材料：本单位共开展活动5项。\r\n')), 'text');
  assert.equal(sniffMagic(iconv.encode('总结材料：本单位共开展活动5项。\r\n', 'gb18030')), 'text');
  // A UTF-8 character cut by the end of the sniff window is still text.
  assert.equal(sniffMagic(Buffer.from('活动').subarray(0, 4)), 'text');
  assert.equal(sniffMagic(bytes(0x00, 0x01, 0x02, 0x03)), 'unknown');
  assert.equal(sniffMagic(bytes()), 'unknown');
  assert.equal(sniffMagic(bytes(0x80, 0x80, 0xff, 0x00)), 'unknown');
});

void test('a nameless attachment gets an extension a person can open', () => {
  assert.equal(extensionFor('jpeg'), 'jpg');
  assert.equal(extensionFor('zip'), 'zip');
  assert.equal(extensionFor('unknown'), 'bin');
});
