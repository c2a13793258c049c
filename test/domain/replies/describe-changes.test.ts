import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityRow } from '../../../src/domain/forms/types.js';
import { describeChanges } from '../../../src/domain/replies/describe-changes.js';
import { badDate, badPhone, missingName, problem } from './reply-fixtures.js';

const rows = (...names: string[]): ActivityRow[] => names.map((name, i) => ({ rowNumber: i + 5, values: { name } }));

test('a unit fixes two cells and adds a row: two problems fixed, one row added', () => {
  const c = describeChanges(
    { problems: [badDate, badPhone], rows: { recommendation: rows('科普讲座', '实验室开放日') } },
    { problems: [], rows: { recommendation: rows('科普讲座', '实验室开放日', '科创集市') } },
  );
  assert.deepEqual(c.fixed.map((p) => p.cell), ['E7', 'K8']);
  assert.deepEqual(c.newProblems, []);
  assert.deepEqual(c.rowsAdded, ['科创集市']);
  assert.deepEqual(c.rowsRemoved, []);
});

test('a cell rewritten but still wrong is not "fixed": same cell, same kind of problem', () => {
  const stillBad = { ...badDate, value: '5月20', message: '第7行「开始日期」(E7) 填写为“5月20”…' };
  const c = describeChanges({ problems: [badDate], rows: { recommendation: rows('a') } }, { problems: [stillBad], rows: { recommendation: rows('a') } });
  assert.deepEqual(c.fixed, []);
  assert.deepEqual(c.newProblems, []);
});

test('the same cell with a different problem counts as one fixed and one new', () => {
  const other = { ...badDate, code: 'date.outsideWindow' };
  const c = describeChanges({ problems: [badDate], rows: {} }, { problems: [other], rows: { recommendation: [] } });
  assert.deepEqual(c.fixed, [badDate]);
  assert.deepEqual(c.newProblems, [other]);
});

test('rows removed and renamed: names compared like the report comparison (width, marks, spaces)', () => {
  const c = describeChanges(
    { problems: [], rows: { recommendation: rows('《科学家精神》讲座', '实验室开放日', '知识竞赛') } },
    { problems: [], rows: { recommendation: rows('科学家精神 讲座', '知识竞赛（决赛）') } },
  );
  assert.deepEqual(c.rowsAdded, ['知识竞赛（决赛）']);
  assert.deepEqual(c.rowsRemoved, ['实验室开放日', '知识竞赛']);
});

test('a duplicated row removed once is listed once', () => {
  const c = describeChanges({ problems: [], rows: { report: rows('讲座', '讲座') } }, { problems: [], rows: { report: rows('讲座') } });
  assert.deepEqual(c.rowsRemoved, ['讲座']);
});

test('a follow-up mail with only photos neither fixes nor removes anything of the table sent before', () => {
  const reportProblem = problem({ form: 'report', sheet: '统计表', cell: 'H6' });
  const c = describeChanges({ problems: [reportProblem], rows: { report: rows('讲座') } }, { problems: [], rows: {} });
  assert.deepEqual(c, { fixed: [], newProblems: [], rowsAdded: [], rowsRemoved: [] });
});

test('a file problem is fixed when the unit sends the file again as .xlsx', () => {
  const legacy = problem({ code: 'file-legacy-xls', form: null, sheet: null, cell: null, column: null, value: '推荐表.xls' });
  const c = describeChanges({ problems: [legacy], rows: {} }, { problems: [missingName], rows: { recommendation: rows('讲座') } });
  assert.deepEqual(c.fixed, [legacy]);
  assert.deepEqual(c.newProblems, [missingName]);
  assert.deepEqual(c.rowsAdded, [], 'no rows were read before, so none are called added');
});
