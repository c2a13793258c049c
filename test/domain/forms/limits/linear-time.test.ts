/**
 * A unit can put anything in a cell: a megabyte of spaces in a phone cell, a pasted page above the
 * header, a million colons. Every parser of cell text is fed 1 MB cells of the shapes that make
 * naive patterns backtrack, and the work it does is counted (work-counter.ts), not timed: it must
 * stay under a small multiple of the input's length, and no pattern that can backtrack may be
 * handed more than a capped text. The same counts at 1/4 of the size show the growth is linear.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateText } from '../../../../src/domain/forms/judge/parse-date.js';
import { parsePhoneText } from '../../../../src/domain/forms/judge/parse-phone.js';
import { parseIntegerText } from '../../../../src/domain/forms/judge/parse-integer.js';
import { parseEmailText } from '../../../../src/domain/forms/judge/parse-email.js';
import { parseUrlsCell } from '../../../../src/domain/forms/judge/parse-urls.js';
import { matchOption } from '../../../../src/domain/forms/judge/match-option.js';
import { judgeForm } from '../../../../src/domain/forms/judge/judge-form.js';
import { normalizeLabel } from '../../../../src/domain/forms/definition/normalize-label.js';
import { csvGrid } from '../../../../src/domain/forms/sheet/csv-grid.js';
import { cellRef, viewGrid, type SheetGrid } from '../../../../src/domain/forms/sheet/grid.js';
import { readSheet } from '../../../../src/domain/forms/sheet/read-sheet.js';
import { MAX_LABEL_TEXT, MAX_PARSED_TEXT, MAX_QUOTED_VALUE, MAX_URLS_TEXT } from '../../../../src/domain/forms/form-limits.js';
import { shippedForms } from '../load-defs.js';
import { buildRead, categories, ctx, recommendationDef, recommendationHeader, recommendationRow } from '../judge/helpers.js';
import { countWork } from './work-counter.js';

const MB = 1024 * 1024;
/** The longest text a backtracking pattern may see: the largest of the parsers' caps. */
const CAP = Math.max(MAX_PARSED_TEXT, MAX_URLS_TEXT, MAX_LABEL_TEXT * 5);
/** Work allowed per character of input: a few passes (normalize, trim, compact, slice) and change. */
const STEPS_PER_CHAR = 40;

/** Texts that make naive patterns backtrack: long runs of what a pattern repeats, then a mismatch. */
function hostileTexts(n: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return {
    spaces: `${' '.repeat(n - 12)}13800138000x`,
    digits: fill('1'),
    colons: fill('：'),
    letters: fill('a'),
    dashes: fill('1-'),
    dateish: fill('5月20日-'),
    brackets: fill('('),
    ats: fill('a@b.'),
    words: fill('转 1'),
    chinese: fill('推荐单位联系人'),
  };
}

function assertLinear(name: string, parse: (text: string) => unknown): void {
  for (const [shape, text] of Object.entries(hostileTexts(MB))) {
    const work = countWork(() => void parse(text), CAP);
    assert.deepEqual([...work.longHanded], [], `${name} on 1 MB of ${shape}: a backtracking pattern saw the whole cell`);
    assert.ok(work.bound <= STEPS_PER_CHAR * MB, `${name} on 1 MB of ${shape}: ${work.bound} steps for ${MB} characters`);
    const quarter = countWork(() => void parse(hostileTexts(MB / 4)[shape]!), CAP);
    assert.ok(work.bound <= 4.5 * quarter.bound + 10 * CAP * CAP, `${name} on ${shape}: ${quarter.bound} steps at 256 KB, ${work.bound} at 1 MB — not linear`);
  }
}

const cell = (value: string) => ({ ref: 'K7', value, numFmt: null, hyperlink: null });

void test('a date cell of 1 MB is read in linear time and reported unrecognised', () => {
  assertLinear('parseDateText', (t) => parseDateText(t, 2025));
  assert.deepEqual(parseDateText(`${' '.repeat(MB)}2025-05-20`, 2025), { ok: false, reason: 'unrecognised' });
});

void test('a phone cell of 50 KB of spaces, or 1 MB of anything, is read in linear time and is one bad value', () => {
  assertLinear('parsePhoneText', parsePhoneText);
  const parsed = parsePhoneText(`${' '.repeat(50_000)}13800138000`);
  assert.equal(parsed.ok, false);
});

void test('numbers, e-mail addresses and dropdown options of 1 MB: linear, and not taken for values', () => {
  assertLinear('parseIntegerText', parseIntegerText);
  assertLinear('parseEmailText', parseEmailText);
  assertLinear('matchOption', (t) => matchOption(t, categories));
  assert.equal(parseEmailText(`${'a'.repeat(MB)}@example.com`), null);
});

void test('a links cell of 1 MB is read in linear time', () => {
  assertLinear('parseUrlsCell', (t) => parseUrlsCell(cell(t)));
  assertLinear('parseUrlsCell (links)', (t) => parseUrlsCell(cell(`https://a.example.com/${t}`)));
});

void test('header labels of 1 MB (normalizeLabel) cost what a label costs', () => {
  assertLinear('normalizeLabel', normalizeLabel);
});

void test('a 1 MB cell above the header, in the header block and in an activity row: the sheet is read in linear time', () => {
  const { both } = shippedForms();
  const header = ['序号', '活动名称', '活动类别', '活动形式', '开始日期', '结束日期', '活动地点', '面向对象', '预计参与人数', '负责人', '负责人的联系电话', '活动简介'];
  const sheet = (big: string): SheetGrid => {
    const rows: (string | number | null)[][] = [
      [big, big],
      ['推荐单位：', big, '联系人：', big],
      [`推荐单位：${big}`, big, big],
      header,
      [1, big, '成果科普', '线下', big, '2025-05-21', big, big, big, big, big, big],
    ];
    return { name: '推荐表', merges: [], rows: rows.map((row, r) => row.map((v, c) => (v === null ? null : { ref: cellRef(r + 1, c + 1), value: v, numFmt: null, hyperlink: null }))) };
  };
  // Thirty 1 MB cells: the bound is per character of the whole sheet.
  for (const [shape, text] of Object.entries(hostileTexts(MB / 8))) {
    const work = countWork(() => void readSheet(viewGrid(sheet(text)), both), CAP);
    assert.deepEqual([...work.longHanded], [], `readSheet on ${shape}: ${[...work.longHanded].join(' ')}`);
    assert.ok(work.bound <= STEPS_PER_CHAR * 30 * (MB / 8), `readSheet on ${shape}: ${work.bound} steps`);
  }
});

void test('a .csv with a 1 MB field is split in linear time', () => {
  for (const [shape, text] of Object.entries(hostileTexts(MB))) {
    const work = countWork(() => void csvGrid(`序号,活动名称\n1,"${text.replaceAll('"', '')}"\n`, 'a.csv'), CAP);
    assert.ok(work.bound <= STEPS_PER_CHAR * MB, `csvGrid on ${shape}: ${work.bound} steps`);
  }
});

void test('a form whose every cell holds 1 MB is judged in linear time, and each message quotes a short excerpt', () => {
  for (const [shape, text] of Object.entries(hostileTexts(MB / 4))) {
    const keys = recommendationDef.columns.map((c) => c.key);
    const row = recommendationRow(Object.fromEntries(keys.map((k) => [k, text])));
    const read = buildRead(recommendationDef, { header: { ...recommendationHeader, phone: text, email: text }, rows: [row, row] });
    let judged: ReturnType<typeof judgeForm> | undefined;
    const work = countWork(() => void (judged = judgeForm(read, recommendationDef, ctx)), CAP);
    assert.deepEqual([...work.longHanded], [], `judgeForm on ${shape}`);
    const cells = 2 * keys.length + 2;
    assert.ok(work.bound <= STEPS_PER_CHAR * cells * (MB / 4), `judgeForm on ${shape}: ${work.bound} steps`);
    for (const p of judged!.problems) {
      assert.ok(p.message.length < 6 * MAX_QUOTED_VALUE + 300, `${p.code} on ${shape}: a message of ${p.message.length} characters`);
    }
  }
});
