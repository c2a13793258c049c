import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemMessages, renderMessage, type JudgeProblemCode } from '../../../../src/domain/forms/judge/index.js';
import { rowPlace } from '../../../../src/domain/forms/judge/messages.js';

void test('the docs/forms.md example message is reproduced word for word', () => {
  assert.equal(
    renderMessage('date.unrecognised', { where: rowPlace(7, '开始日期', 'E7'), value: '5.20', example: '2025-05-20' }),
    '第7行「开始日期」(E7) 填写为“5.20”，无法识别为日期，请填写为 2025-05-20 这样的日期。',
  );
});

void test('every message in the registry says what to do (请…) and ends as a sentence, for the docs and replies that list them', () => {
  const codes = Object.keys(problemMessages) as JudgeProblemCode[];
  assert.ok(codes.length >= 19);
  for (const code of codes) {
    const text = (problemMessages[code].build as (p: unknown) => string)(problemMessages[code].example);
    assert.match(text, /请/u, code);
    assert.ok(text.endsWith('。'), code);
    assert.doesNotMatch(text, /undefined|\[object/u, code);
  }
});

void test('only the attendance expectation is a warning: everything else blocks acceptance', () => {
  const warnings = Object.entries(problemMessages).filter(([, e]) => e.severity === 'warning').map(([code]) => code);
  assert.deepEqual(warnings, ['attendance.expected']);
});
