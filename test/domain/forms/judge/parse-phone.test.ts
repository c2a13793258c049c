import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneText } from '../../../../src/domain/forms/judge/parse-phone.js';

void test('mobiles, Beijing landlines with or without 010 and extensions, and other landlines are phone numbers', () => {
  const accepted: Array<[string, number]> = [
    ['13800000000', 1],
    ['19912345678', 1],
    ['61234567', 1],
    ['010-61234567', 1],
    ['01061234567', 1],
    ['010-61234567转123', 1],
    ['010-61234567 转 123', 1],
    ['61234567-8021', 1],
    ['010-61234567-8021', 1],
    ['61234567 ext 12', 1],
    ['61234567 分机 12', 1],
    ['0631-5681234', 1],
    ['0631-56812345', 1],
    ['021-12345678', 1],
    ['１３８００００００００', 1],
  ];
  for (const [text, count] of accepted) {
    const r = parsePhoneText(text);
    assert.ok(r.ok, text);
    assert.equal(r.numbers.length, count, text);
  }
});

void test('a cell may list several numbers separated by space, 、 , / ; in either width', () => {
  for (const text of ['13800000000 61234567', '13800000000、61234567', '13800000000,61234567', '13800000000，61234567', '13800000000/61234567', '13800000000；61234567', '13800000000;010-61234567转8']) {
    const r = parsePhoneText(text);
    assert.ok(r.ok, text);
    assert.equal(r.numbers.length, 2, text);
  }
});

void test('numbers of the wrong length, a mobile starting 12, or words are not phone numbers', () => {
  assert.deepEqual(parsePhoneText('1380000000'), { ok: false, bad: ['1380000000'] });
  assert.deepEqual(parsePhoneText('12800000000'), { ok: false, bad: ['12800000000'] });
  assert.deepEqual(parsePhoneText('010-123456'), { ok: false, bad: ['010-123456'] });
  assert.deepEqual(parsePhoneText('(010)61234567'), { ok: false, bad: ['(010)61234567'] });
  assert.deepEqual(parsePhoneText('138-0000-0000'), { ok: false, bad: ['138-0000-0000'] });
  assert.deepEqual(parsePhoneText('13800000000、待定'), { ok: false, bad: ['待定'] });
});
