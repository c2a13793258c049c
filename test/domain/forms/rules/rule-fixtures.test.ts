/**
 * Every form rule proven through a real file: each .xlsx under test/fixtures/forms/rules/ (made by
 * scripts/make-rule-fixtures.ts, some re-saved by LibreOffice) is read by the workbook reader and
 * judged by the form judge, and must give exactly the problem its manifest line names — code,
 * severity, cell, column, value and the full Chinese message. A regression in either the reader
 * (cell refs, dates, header block, 合计 row) or the judge shows here as a named rule.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../../../src/domain/forms/problem.js';
import { formContext } from '../../../../src/config/form-definitions.js';
import { judgeForm, problemMessages } from '../../../../src/domain/forms/judge/index.js';
import { readWorkbook } from '../../../../src/adapters/workbook/read/index.js';
import type { FormJudgement } from '../../../../src/domain/forms/types.js';
import { shippedForms } from '../load-defs.js';
import type { ExpectedProblem, RuleFixture } from './rule-kit.js';

const DIR = 'test/fixtures/forms/rules';
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as RuleFixture[];
const { campaign, defs, both } = shippedForms();
const ctx = formContext(campaign);

/** Reads a fixture as the worker does (both definitions offered) and judges the one form in it. */
async function judgeFixture(entry: RuleFixture): Promise<FormJudgement> {
  const read = await readWorkbook(fs.readFileSync(path.join(DIR, entry.file)), both, entry.file);
  assert.deepEqual(read.problems, [], 'the file itself reads without problems');
  assert.equal(read.forms.length, 1, 'one form is found in the file');
  const form = read.forms[0]!;
  assert.equal(form.formId, entry.form);
  assert.equal(form.sheet, entry.sheet);
  return judgeForm(form, defs[entry.form], ctx);
}

const comparable = (p: Problem): ExpectedProblem & { form: Problem['form']; sheet: string | null } => ({
  code: p.code as ExpectedProblem['code'],
  severity: p.severity,
  form: p.form,
  sheet: p.sheet,
  cell: p.cell,
  column: p.column,
  value: p.value,
  message: p.message,
});

const named = (e: RuleFixture): string => {
  const p = e.problems[0];
  if (!p) return `${e.story} → no problems (${e.file})`;
  return `${e.story} → one ${p.severity} naming ${p.cell ?? `the 「${p.column ?? e.sheet}」 ${p.column ? 'column' : 'sheet'}`} (${e.file})`;
};

describe('every form rule broken in a real .xlsx gives exactly its one problem', () => {
  for (const entry of manifest.filter((e) => e.rule !== null)) {
    it(named(entry), async () => {
      const judged = await judgeFixture(entry);
      const expected = entry.problems.map((p) => ({ ...p, form: entry.form, sheet: entry.sheet }));
      assert.deepEqual(judged.problems.map(comparable), expected);
    });
  }
});

describe('valid forms read from real files', () => {
  it('a unit sends a valid 推荐表 and a valid 统计表, from exceljs and from LibreOffice → zero problems, three activities each', async () => {
    const valid = manifest.filter((e) => e.rule === null);
    assert.deepEqual(valid.map((e) => `${e.producer}:${e.form}`).sort(), ['exceljs:recommendation', 'exceljs:report', 'libreoffice:recommendation', 'libreoffice:report']);
    for (const entry of valid) {
      const judged = await judgeFixture(entry);
      assert.deepEqual(judged.problems, [], entry.file);
      assert.deepEqual(judged.rows.map((r) => r.rowNumber), [5, 6, 7], entry.file);
      assert.equal(judged.rows[2]?.values.startDate, entry.form === 'report' ? '2025-05-26' : '2025-05-28', entry.file);
    }
  });
});

describe('the rule fixtures cover the judge', () => {
  it('every code in the judge’s message registry is broken by at least one fixture file', () => {
    const covered = new Set(manifest.map((e) => e.rule));
    // A form past the activity-row limit is thousands of rows: made at test time by test/hostile/, not committed.
    const madeAtTestTime = new Set(['form.tooManyRows']);
    const uncovered = Object.keys(problemMessages).filter((code) => !covered.has(code as RuleFixture['rule']) && !madeAtTestTime.has(code));
    assert.deepEqual(uncovered, []);
  });

  it('each rule fixture breaks exactly one rule, and the manifest and the folder list the same files', () => {
    for (const e of manifest) assert.equal(e.problems.length, e.rule === null ? 0 : 1, e.file);
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).sort();
    assert.deepEqual(manifest.map((e) => e.file).sort(), files);
    assert.ok(manifest.some((e) => e.producer === 'libreoffice' && e.rule !== null), 'some rules are proven on LibreOffice files');
  });
});
