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
  assert.deepEqual(parsePhoneText('13800000000、待定'), { ok: false, bad: ['待定'] });
});

void test('a complete number typed in groups is one number; several grouped numbers still split', () => {
  const cases: Array<[string, string[]]> = [
    ['139 1234 5678', ['13912345678']],
    ['139-1234-5678', ['13912345678']],
    ['010 5168 8000', ['010-51688000']],
    ['010-5168 8000', ['010-51688000']],
    ['5168 8000', ['51688000']],
    ['139 1234 5678、010-51680002', ['13912345678', '010-51680002']],
    ['139 1234 5678 138 0013 8000', ['13912345678', '13800138000']],
    ['13800000000 61234567', ['13800000000', '61234567']],
    ['61234567-8021', ['61234567-8021']],
  ];
  for (const [text, numbers] of cases) assert.deepEqual(parsePhoneText(text), { ok: true, numbers }, text);
});

void test('groups that do not make a whole number are still told apart as bad', () => {
  assert.deepEqual(parsePhoneText('139 1234 567'), { ok: false, bad: ['139', '1234', '567'] });
});
