import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUnitMatcher } from '../../../src/domain/recognition/unit-matcher.js';
import { testUnits } from './registry.js';

const matcher = createUnitMatcher(testUnits);

test('a registered sender address finds its unit whatever its letter case', () => {
  assert.equal(matcher.byAddress('cs-office@example.edu'), '计算机科学与技术学院');
  assert.equal(matcher.byAddress('  DIANXIN-OFFICE@EXAMPLE.EDU '), '电子信息工程学院');
  assert.equal(matcher.byAddress('someone@example.edu'), null);
  assert.equal(matcher.byAddress(''), null);
});

test('a header cell with a label and a seal mark names the unit: 推荐单位：计算机学院（盖章）', () => {
  assert.deepEqual(matcher.byText('推荐单位：计算机学院（盖章）'), { status: 'unique', unit: '计算机科学与技术学院', matched: '计算机学院' });
});

test('the old name 计算机与信息技术学院 is an alias of 计算机科学与技术学院', () => {
  const m = matcher.byText('计算机与信息技术学院');
  assert.equal(m.status === 'unique' && m.unit, '计算机科学与技术学院');
});

test('full-width letters, ideographic spaces and 公章 noise are ignored', () => {
  const m = matcher.byText('填报单位（公章）：　经 管 学 院（章）');
  assert.equal(m.status === 'unique' && m.unit, '经济管理学院');
});

test('a subject in 【】 brackets names the unit: 【电信学院】科技活动周推荐表', () => {
  const m = matcher.byText('【电信学院】科技活动周推荐表');
  assert.equal(m.status === 'unique' && m.unit, '电子信息工程学院');
});

test('the longest name wins: 资源与环境学院 is not also 环境学院', () => {
  const m = matcher.byText('资源与环境学院（盖章）');
  assert.deepEqual(m, { status: 'unique', unit: '资源与环境学院', matched: '资源与环境学院' });
  const plain = matcher.byText('环境学院');
  assert.equal(plain.status === 'unique' && plain.unit, '环境学院');
});

test('a cell naming two different units is ambiguous, listing both', () => {
  const m = matcher.byText('计算机学院、软件学院');
  assert.equal(m.status, 'ambiguous');
  assert.deepEqual(m.status === 'ambiguous' && [...m.units].sort(), ['计算机科学与技术学院', '软件学院'].sort());
});

test('a name split by brackets is not matched across the boundary', () => {
  assert.deepEqual(matcher.byText('【软件】学院'), { status: 'none' });
});

test('text naming no registered unit, or empty text, finds nothing', () => {
  assert.deepEqual(matcher.byText('外国语学院'), { status: 'none' });
  assert.deepEqual(matcher.byText('   '), { status: 'none' });
});
