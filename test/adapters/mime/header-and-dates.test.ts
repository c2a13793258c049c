import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeEncodedWords, rawLineToText } from '../../../src/adapters/mime/header-text.js';
import { newestReceivedAt, parseMailDate } from '../../../src/domain/mail/mail-dates.js';

void test('encoded words in GBK, GB2312 and UTF-8 decode, adjacent words joined even when a character is split between them', () => {
  const gbk = iconv.encode('活动推荐表', 'gbk');
  const split = `=?GBK?B?${gbk.subarray(0, 3).toString('base64')}?= =?GBK?B?${gbk.subarray(3).toString('base64')}?=`;
  assert.equal(decodeEncodedWords(split), '活动推荐表');
  assert.equal(decodeEncodedWords(`=?gb2312?B?${iconv.encode('李晓明', 'gb2312').toString('base64')}?= <a@b.cn>`), '李晓明 <a@b.cn>');
  assert.equal(decodeEncodedWords('Re: =?utf-8?Q?=E5=9B=9E=E6=89=A7?= ok'), 'Re: 回执 ok');
});

void test('a header line of raw GBK bytes (no encoding) reads as Chinese; raw UTF-8 stays UTF-8', () => {
  const gbkLine = Buffer.concat([Buffer.from('Subject: '), iconv.encode('材料报送', 'gbk')]).toString('latin1');
  assert.equal(rawLineToText(gbkLine), 'Subject: 材料报送');
  assert.equal(rawLineToText(Buffer.from('Subject: 材料报送\r\n\tfolded').toString('latin1')), 'Subject: 材料报送\tfolded');
});

void test('Date headers from Chinese servers (+0800 (CST)) are read as China time, not US Central', () => {
  assert.equal(parseMailDate('Tue, 29 Apr 2025 09:14:55 +0800 (CST)'), '2025-04-29T01:14:55.000Z');
  assert.equal(parseMailDate('Fri, 6 Jun 2025 11:02:33 +0800 (GMT+08:00)'), '2025-06-06T03:02:33.000Z');
  assert.equal(parseMailDate('2 May 2025 03:10 GMT'), '2025-05-02T03:10:00.000Z');
  assert.equal(parseMailDate('Fri,  2 May 25 03:10:00 -0500'), '2025-05-02T08:10:00.000Z');
  assert.equal(parseMailDate('not a date'), null);
  assert.equal(parseMailDate(undefined), null);
});

void test('receivedAt is the newest Received date, read after the last semicolon', () => {
  assert.equal(newestReceivedAt([
    'from a by b; Tue, 29 Apr 2025 09:15:02 +0800 (CST)',
    'from c (x; y) by d; Tue, 29 Apr 2025 09:14:58 +0800',
    'from e by f with local (no date)',
  ]), '2025-04-29T01:15:02.000Z');
  assert.equal(newestReceivedAt(['from e by f']), null);
});
