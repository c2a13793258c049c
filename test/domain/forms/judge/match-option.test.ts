import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchOption } from '../../../../src/domain/forms/judge/match-option.js';
import { activityForms, categories } from './helpers.js';

void test('a category typed with spaces, full-width letters or its own number in front is that category', () => {
  const accepted: Array<[string, string]> = [
    ['成果科普', '成果科普'],
    [' 成果 科普 ', '成果科普'],
    ['3 成果科普', '成果科普'],
    ['3.成果科普', '成果科普'],
    ['3、成果科普', '成果科普'],
    ['３．成果科普', '成果科普'],
    ['5 网络宣传', '网络宣传'],
  ];
  for (const [text, option] of accepted) assert.equal(matchOption(text, categories), option, text);
});

void test('a wrong number in front, a bare number or another word is not guessed at', () => {
  for (const text of ['2 成果科普', '3', '科普', '成果科普类', '(3)成果科普']) {
    assert.equal(matchOption(text, categories), null, text);
  }
});

void test('线上+线下, 线下/线上 and 线上、线下 all mean 线上线下', () => {
  for (const text of ['线上线下', '线上+线下', '线下/线上', '线上、线下', '线 上 线 下', '线下线上']) {
    assert.equal(matchOption(text, activityForms), '线上线下', text);
  }
  assert.equal(matchOption('线下', activityForms), '线下');
  assert.equal(matchOption('网络', activityForms), null);
});
