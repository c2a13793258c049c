import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRecommendedWithReported } from '../../../../src/domain/forms/judge/index.js';
import type { ActivityRow } from '../../../../src/domain/forms/types.js';

const rows = (...names: Array<string | null>): ActivityRow[] => names.map((name, i) => ({ rowNumber: 7 + i, values: { seq: i + 1, name } }));

void test('a unit reports two of its three recommended activities → the third is listed for the acknowledgement', () => {
  const recommended = rows('实验室开放日', '科学家精神报告会', '科技志愿服务进社区');
  const reported = rows('实验室开放日', '科技志愿服务进社区');
  assert.deepEqual(compareRecommendedWithReported(recommended, reported), ['科学家精神报告会']);
});

void test('names retyped with other widths, spaces or book-title marks still match', () => {
  const recommended = rows('《走进实验室》开放日', 'AI 科普讲座', '“科技周”集市');
  const reported = rows('走进实验室 开放日', 'ＡＩ科普讲座', '科技周集市');
  assert.deepEqual(compareRecommendedWithReported(recommended, reported), []);
});

void test('each missing activity is listed once, in the order of the recommendation; rows without a name are skipped', () => {
  const recommended = rows('乙活动', null, '甲活动', '乙活动');
  assert.deepEqual(compareRecommendedWithReported(recommended, rows()), ['乙活动', '甲活动']);
});
