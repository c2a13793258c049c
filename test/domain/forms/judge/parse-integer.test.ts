import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIntegerCell, parseIntegerText } from '../../../../src/domain/forms/judge/parse-integer.js';

const cell = (value: string | number | boolean | Date) => ({ ref: 'I7', value, numFmt: null, hyperlink: null });

void test('counts written as numbers, text digits, with thousands separators or full-width digits are read', () => {
  const accepted: Array<[string, number]> = [
    ['200', 200],
    [' 200 ', 200],
    ['1,200', 1200],
    ['12,345,678', 12345678],
    ['１２００', 1200],
    ['１，２００', 1200],
    ['0', 0],
    ['-3', -3],
  ];
  for (const [text, value] of accepted) assert.deepEqual(parseIntegerText(text), { ok: true, value }, text);
  assert.deepEqual(parseIntegerCell(cell(200)), { ok: true, value: 200 });
  assert.deepEqual(parseIntegerCell(cell(200.0)), { ok: true, value: 200 });
});

void test('a count word after an exact figure (200人, 3场, 5篇) is accepted: the figure is still exact', () => {
  assert.deepEqual(parseIntegerText('200人'), { ok: true, value: 200 });
  assert.deepEqual(parseIntegerText('1,200人次'), { ok: true, value: 1200 });
  assert.deepEqual(parseIntegerText('3场'), { ok: true, value: 3 });
  assert.deepEqual(parseIntegerText('5篇'), { ok: true, value: 5 });
});

void test('approximations are refused so the unit writes the exact figure', () => {
  for (const text of ['约200', '200+', '200余', '200多人', '200左右', '近200', '200以上']) {
    assert.deepEqual(parseIntegerText(text), { ok: false, reason: 'approximate' }, text);
  }
});

void test('Chinese numerals, decimals and words are not counts', () => {
  for (const text of ['二百', '若干', '1,20', '200人/场', 'N/A']) {
    assert.deepEqual(parseIntegerText(text), { ok: false, reason: 'notNumber' }, text);
  }
  assert.deepEqual(parseIntegerText('1.5'), { ok: false, reason: 'decimal' });
  assert.deepEqual(parseIntegerCell(cell(12.5)), { ok: false, reason: 'decimal' });
  assert.deepEqual(parseIntegerCell(cell(true)), { ok: false, reason: 'notNumber' });
  assert.deepEqual(parseIntegerCell(cell(new Date('2025-05-20T00:00:00Z'))), { ok: false, reason: 'notNumber' });
});
