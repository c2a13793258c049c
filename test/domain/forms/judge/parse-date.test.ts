import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateCell, parseDateText } from '../../../../src/domain/forms/judge/parse-date.js';
import type { RawCell } from '../../../../src/domain/forms/types.js';

const cell = (value: RawCell['value'], numFmt: string | null = null): RawCell => ({ ref: 'E7', value, numFmt, hyperlink: null });

void test('every way docs/forms.md lists of writing one date is read as that day', () => {
  const accepted: Array<[string, string]> = [
    ['2025-05-20', '2025-05-20'],
    ['2025-5-20', '2025-05-20'],
    ['2025/5/20', '2025-05-20'],
    ['2025.5.20', '2025-05-20'],
    ['2025年5月20日', '2025-05-20'],
    ['2025年05月20号', '2025-05-20'],
    ['5月20日', '2025-05-20'],
    ['5月20', '2025-05-20'],
    ['２０２５－０５－２０', '2025-05-20'],
    ['２０２５／５／２０', '2025-05-20'],
    [' 2025 年 5 月 20 日 ', '2025-05-20'],
    ['2025-05-20 14:00', '2025-05-20'],
  ];
  for (const [text, iso] of accepted) {
    assert.deepEqual(parseDateText(text, 2025), { ok: true, start: iso, end: null }, text);
  }
});

void test('a date without a year takes the campaign year', () => {
  assert.deepEqual(parseDateText('6月1日', 2026), { ok: true, start: '2026-06-01', end: null });
});

void test('a range in one cell gives both its first and last day', () => {
  const ranges: Array<[string, string, string]> = [
    ['5月20日-22日', '2025-05-20', '2025-05-22'],
    ['5月20-22日', '2025-05-20', '2025-05-22'],
    ['5月20日—5月22日', '2025-05-20', '2025-05-22'],
    ['5月30日至6月2日', '2025-05-30', '2025-06-02'],
    ['2025-05-20至2025-05-22', '2025-05-20', '2025-05-22'],
    ['2025-05-20-2025-05-22', '2025-05-20', '2025-05-22'],
    ['2025/5/20~2025/5/22', '2025-05-20', '2025-05-22'],
    ['2025.5.20－2025.5.22', '2025-05-20', '2025-05-22'],
    ['2025年5月20日～22日', '2025-05-20', '2025-05-22'],
    ['2025年5月20日 至 5月22日', '2025-05-20', '2025-05-22'],
  ];
  for (const [text, start, end] of ranges) {
    assert.deepEqual(parseDateText(text, 2025), { ok: true, start, end }, text);
  }
});

void test('5.20 (and so 5.20-5.22) is not taken for a date, as docs/forms.md says', () => {
  for (const text of ['5.20', '5.20-5.22', '5/20', '20250520', '下周二', '五月二十日', '2025-05']) {
    assert.deepEqual(parseDateText(text, 2025), { ok: false, reason: 'unrecognised' }, text);
  }
});

void test('a date that does not exist is told apart from one that cannot be read', () => {
  for (const text of ['2025-02-30', '2025-13-01', '4月31日', '5月30日-32日']) {
    assert.deepEqual(parseDateText(text, 2025), { ok: false, reason: 'notReal' }, text);
  }
});

void test('a real date cell from Excel or WPS is read by its calendar day, even a hair before midnight', () => {
  assert.deepEqual(parseDateCell(cell(new Date('2025-05-20T00:00:00Z')), 2025), { ok: true, start: '2025-05-20', end: null });
  assert.deepEqual(parseDateCell(cell(new Date('2025-05-19T23:59:59.999Z')), 2025), { ok: true, start: '2025-05-20', end: null });
});

void test('a plain number in a date column between 40000 and 60000 is an Excel serial day', () => {
  assert.deepEqual(parseDateCell(cell(45797), 2025), { ok: true, start: '2025-05-20', end: null });
  assert.deepEqual(parseDateCell(cell(45797.5, 'yyyy-mm-dd hh:mm'), 2025), { ok: true, start: '2025-05-20', end: null });
  assert.deepEqual(parseDateCell(cell(5.2), 2025), { ok: false, reason: 'unrecognised' });
  assert.deepEqual(parseDateCell(cell(20250520), 2025), { ok: false, reason: 'unrecognised' });
  assert.deepEqual(parseDateCell(cell(true), 2025), { ok: false, reason: 'unrecognised' });
});
