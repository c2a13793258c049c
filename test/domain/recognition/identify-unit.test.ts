import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifyUnit } from '../../../src/domain/recognition/identify-unit.js';
import { createUnitMatcher } from '../../../src/domain/recognition/unit-matcher.js';
import { testUnits } from './registry.js';

const base = { headerUnitTexts: [] as string[], subject: '', units: testUnits };

test('a unit mailing from its registered address is known by the address alone', () => {
  const r = identifyUnit({ ...base, fromAddress: 'cs-office@example.edu', subject: '科技活动周推荐表' });
  assert.deepEqual(r, { unit: '计算机科学与技术学院', by: 'address', held: null, candidates: ['计算机科学与技术学院'] });
});

test('a unit mailing from a personal address is known by the 推荐单位 in its form', () => {
  const r = identifyUnit({ ...base, fromAddress: 'teacher@example.edu', headerUnitTexts: ['经管学院（盖章）'], subject: '推荐表' });
  assert.equal(r.unit, '经济管理学院');
  assert.equal(r.by, 'header');
  assert.equal(r.held, null);
});

test('with no registered address and no form, the subject 【电信学院】… names the unit', () => {
  const r = identifyUnit({ ...base, fromAddress: 'teacher@example.edu', subject: '【电信学院】科技活动周推荐表' });
  assert.equal(r.unit, '电子信息工程学院');
  assert.equal(r.by, 'subject');
  assert.equal(r.held, null);
});

test('a registered address whose form names another unit is held as a conflict, not guessed', () => {
  const r = identifyUnit({ ...base, fromAddress: 'cs-office@example.edu', headerUnitTexts: ['推荐单位：电信学院'] });
  assert.equal(r.unit, null);
  assert.equal(r.held?.reason, 'conflict');
  assert.match(r.held?.detail ?? '', /cs-office@example\.edu.*计算机科学与技术学院.*电信学院/);
  assert.deepEqual(r.candidates, ['计算机科学与技术学院', '电子信息工程学院']);
});

test('two forms in one mail naming different units are held as a conflict', () => {
  const r = identifyUnit({ ...base, fromAddress: 'teacher@example.edu', headerUnitTexts: ['计算机学院', '软件学院（盖章）'] });
  assert.equal(r.held?.reason, 'conflict');
  assert.match(r.held?.detail ?? '', /不一致/);
});

test('two forms naming the same unit by full name and alias agree', () => {
  const r = identifyUnit({ ...base, fromAddress: 'teacher@example.edu', headerUnitTexts: ['计算机科学与技术学院', '计算机与信息技术学院（公章）'] });
  assert.equal(r.unit, '计算机科学与技术学院');
  assert.equal(r.held, null);
});

test('a form header naming two units at once is held as a conflict', () => {
  const r = identifyUnit({ ...base, fromAddress: 'cs-office@example.edu', headerUnitTexts: ['计算机学院、软件学院'] });
  assert.equal(r.held?.reason, 'conflict');
  assert.match(r.held?.detail ?? '', /同时提到/);
});

test('a subject naming a different unit than the form is held as a conflict', () => {
  const r = identifyUnit({ ...base, fromAddress: 'teacher@example.edu', headerUnitTexts: ['经管学院'], subject: '电信学院推荐表' });
  assert.equal(r.held?.reason, 'conflict');
  assert.match(r.held?.detail ?? '', /邮件主题/);
});

test('a subject that also names the office it is sent to (致科研院) does not conflict', () => {
  const r = identifyUnit({ ...base, fromAddress: 'dianxin-office@example.edu', subject: '致科研院：电信学院科技周推荐表' });
  assert.equal(r.unit, '电子信息工程学院');
  assert.equal(r.by, 'address');
  assert.equal(r.held, null);
});

test('a header naming an unknown unit does not override a registered address', () => {
  const r = identifyUnit({ ...base, fromAddress: 'dianxin-office@example.edu', headerUnitTexts: ['某某中心'] });
  assert.equal(r.unit, '电子信息工程学院');
});

test('nothing names a known unit → held as unknown_unit, with what was seen', () => {
  const r = identifyUnit({ ...base, fromAddress: 'stranger@example.org', headerUnitTexts: ['外国语学院'], subject: '推荐表' });
  assert.deepEqual({ unit: r.unit, by: r.by, reason: r.held?.reason }, { unit: null, by: null, reason: 'unknown_unit' });
  assert.match(r.held?.detail ?? '', /stranger@example\.org/);
  assert.match(r.held?.detail ?? '', /外国语学院/);
});

test('a matcher built once can be passed instead of the registry', () => {
  const r = identifyUnit({ ...base, units: createUnitMatcher(testUnits), fromAddress: 'x@example.edu', headerUnitTexts: ['资环学院'] });
  assert.equal(r.unit, '资源与环境学院');
});
