import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForMatching } from '../../../src/domain/recognition/normalize.js';

test('seal marks copied from the template are dropped: （盖章） (公章) （章） 单位盖章', () => {
  assert.equal(normalizeForMatching('计算机学院（盖章）'), '计算机学院');
  assert.equal(normalizeForMatching('计算机学院(公章)'), '计算机学院');
  assert.equal(normalizeForMatching('计算机学院（章）'), '计算机学院');
  assert.equal(normalizeForMatching('计算机学院单位盖章'), '计算机学院');
});

test('full-width characters and ideographic spaces become plain ones; punctuation becomes one separator', () => {
  assert.equal(normalizeForMatching('推荐单位：　ＡＢＣ 学院'), '推荐单位|abc学院');
  assert.equal(normalizeForMatching('【电信学院】科技周'), '|电信学院|科技周');
});
