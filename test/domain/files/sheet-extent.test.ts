/**
 * A sheet's real extent, from its XML as it streams by (docs/limits.md): the cell references
 * count, the `dimension` tag does not; any chunking gives the same answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSheetExtentScan } from '../../../src/domain/files/sheet-extent.js';
import { DEFAULT_SHEET_LIMITS, type SheetLimits } from '../../../src/domain/files/sheet-limits.js';

const scan = (xml: string, limits: SheetLimits = DEFAULT_SHEET_LIMITS, chunk = 7) => {
  const s = createSheetExtentScan('推荐表', limits);
  const bytes = Buffer.from(xml, 'utf8');
  for (let i = 0; i < bytes.length; i += chunk) {
    const breach = s.push(bytes.subarray(i, i + chunk));
    if (breach) return { breach, extent: s.extent() };
  }
  return { breach: null, extent: s.extent() };
};

const sheet = (rows: string, extra = '') => `<?xml version="1.0"?><worksheet xmlns="x"><dimension ref="A1:B2"/><sheetData>${rows}</sheetData>${extra}</worksheet>`;

void test('a form sheet: its rows, columns and cells as written, whatever the chunking', () => {
  const xml = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2</v></c></row><row r="4"><c r="B4"/></row>');
  for (const chunk of [1, 3, 64, 10_000]) {
    assert.deepEqual(scan(xml, DEFAULT_SHEET_LIMITS, chunk), { breach: null, extent: { rows: 4, columns: 3, cells: 5, longestText: 1 } }, `chunk ${chunk}`);
  }
});

void test('one cell at XFD1048576 behind a dimension of A1:B2 → the rows limit, at row 1048576', () => {
  const { breach } = scan(sheet('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'));
  assert.deepEqual(breach, { limit: 'rows', sheet: '推荐表', found: 1_048_576, max: 20_000 });
});

void test('prefixed names (x:row, x:c) and cells without references are measured too', () => {
  const { extent } = scan('<x:worksheet><x:sheetData><x:row r="2"><x:c><x:v>1</x:v></x:c><x:c/><x:c r="E2"/></x:row><x:row><x:c/></x:row></x:sheetData></x:worksheet>');
  assert.deepEqual(extent, { rows: 3, columns: 5, cells: 6, longestText: 1 });
});

void test('a merge counts its area: A1:IV20000 is past the cells limit though it names two cells', () => {
  const { breach } = scan(sheet('<row r="1"><c r="A1"/></row>', '<mergeCells count="1"><mergeCell ref="A1:IV20000"/></mergeCells>'));
  assert.equal(breach?.limit, 'cells');
});

void test('cell text: CDATA and inline strings count, an entity is one character, white space between tags does not', () => {
  const long = 'é'.repeat(40);
  const limits = { ...DEFAULT_SHEET_LIMITS, maxTextLength: 40 };
  assert.equal(scan(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>${' '.repeat(500)}`), limits).breach, null);
  assert.equal(scan(sheet(`<row r="1"><c r="A1"><f>${'&amp;'.repeat(40)}</f></c></row>`), limits).breach, null);
  assert.deepEqual(scan(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[${long}x]]></t></is></c></row>`), limits).breach, { limit: 'text', sheet: '推荐表', found: 41, max: 40 });
});
