import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEmailText } from '../../../../src/domain/forms/judge/parse-email.js';
import { parseUrlsCell } from '../../../../src/domain/forms/judge/parse-urls.js';
import type { RawCell } from '../../../../src/domain/forms/types.js';

const cell = (value: RawCell['value'], hyperlink: string | null = null): RawCell => ({ ref: 'M7', value, numFmt: null, hyperlink });

void test('an e-mail address is kept lower-case; full-width ＠ and mailto: are tolerated', () => {
  assert.equal(parseEmailText('Office@Example.com'), 'office@example.com');
  assert.equal(parseEmailText('office＠example.com'), 'office@example.com');
  assert.equal(parseEmailText('mailto:a.b-c@mail.example.org'), 'a.b-c@mail.example.org');
});

void test('an address without @, without a domain suffix, or with spaces is refused', () => {
  for (const text of ['office.example.com', 'office@example', 'off ice@example.com', '13800000000', 'a@b.c']) {
    assert.equal(parseEmailText(text), null, text);
  }
});

void test('several report links in one cell, separated by new lines, ；or ，, are each read', () => {
  assert.deepEqual(parseUrlsCell(cell('https://a.example.com/1\nhttp://b.example.com/2；https://c.example.com，https://d.example.com/x?y=1')), {
    ok: true,
    urls: ['https://a.example.com/1', 'http://b.example.com/2', 'https://c.example.com', 'https://d.example.com/x?y=1'],
  });
});

void test('a headline hyperlinked to the article counts as the article URL', () => {
  assert.deepEqual(parseUrlsCell(cell('人民网：我校开展科技活动周', 'https://news.example.com/a1')), { ok: true, urls: ['https://news.example.com/a1'] });
  assert.deepEqual(parseUrlsCell(cell('https://news.example.com/a1', 'https://news.example.com/a1')), { ok: true, urls: ['https://news.example.com/a1'] });
});

void test('a link without http(s)://, or a non-web link, is named as not a URL', () => {
  assert.deepEqual(parseUrlsCell(cell('www.example.com/a')), { ok: false, bad: ['www.example.com/a'] });
  assert.deepEqual(parseUrlsCell(cell('https://ok.example.com ftp://files.example.com')), { ok: false, bad: ['ftp://files.example.com'] });
  assert.deepEqual(parseUrlsCell(cell('见公众号推文')), { ok: false, bad: ['见公众号推文'] });
  assert.deepEqual(parseUrlsCell(cell('标题', 'file:///C:/a.docx')), { ok: false, bad: ['file:///C:/a.docx', '标题'] });
});
