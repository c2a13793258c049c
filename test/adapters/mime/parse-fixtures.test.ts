import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseStoredMessage } from '../../../src/adapters/mime/parse-stored-message.js';
import { classifyMessage } from '../../../src/domain/mail/classify.js';
import type { ParsedMessage } from '../../../src/domain/mail/message.js';
import { createBlobDir } from './blob-dir.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'mail');
const MAILBOX = 'keyan-submit@example.edu.cn';
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected-attachments.json'), 'utf8')) as Record<string, Array<{ filename: string; size: number; sha256: string }>>;
const blobs = await createBlobDir();
after(() => blobs.remove());
const silent = { warn: () => undefined, debug: () => undefined };

async function parse(name: string): Promise<ParsedMessage> {
  return parseStoredMessage({ source: fs.createReadStream(path.join(FIXTURES, name)), putBlob: blobs.putBlob, logger: silent });
}

/** Every file the generator put into the fixture is stored byte for byte, under its own hash. */
async function assertStoredAsSent(name: string, msg: ParsedMessage): Promise<void> {
  for (const want of expected[name] ?? []) {
    const got = msg.attachments.find((a) => a.filename === want.filename);
    assert.ok(got, `${name}: attachment ${want.filename} missing; got ${msg.attachments.map((a) => a.filename).join(', ')}`);
    assert.equal(got.size, want.size, `${name}: size of ${want.filename}`);
    assert.equal(got.sha256, want.sha256, `${name}: hash of ${want.filename}`);
    assert.equal(await blobs.hashOnDisk(got.sha256), want.sha256, `${name}: the blob on disk is the file`);
  }
}

void test('a unit sends its form from Outlook: RFC 2231 continued name, gb2312 quoted-printable body, newest Received time', async () => {
  const msg = await parse('outlook-submission.eml');
  await assertStoredAsSent('outlook-submission.eml', msg);
  assert.equal(msg.attachments.length, 1);
  assert.equal(msg.attachments[0]!.filename, '附件1：2025年全国科技活动周和全国科技工作者日特色群众性主题实践活动推荐表（机械与电子控制工程学院）.xlsx');
  assert.equal(msg.attachments[0]!.sniffedType, 'zip');
  assert.deepEqual(msg.from, { address: 'li.xiaoming@example.edu.cn', name: '李晓明' });
  assert.deepEqual(msg.cc, [{ address: 'jdxy-office@example.edu.cn', name: '学院办公室' }]);
  assert.equal(msg.subject, '【推荐表】机械与电子控制工程学院 科技活动周活动推荐');
  assert.equal(msg.sentAt, '2025-04-29T01:14:55.000Z');
  assert.equal(msg.receivedAt, '2025-04-29T01:15:02.000Z');
  assert.equal(msg.messageId, '000001db78a2$5c1e4f20$145aed60$@example.edu.cn');
  assert.match(msg.text, /现报送我院推荐表/);
  assert.deepEqual(msg.parseWarnings, []);
  assert.equal(classifyMessage(msg, { mailboxAddress: MAILBOX }).kind, 'submission');
});

void test('a unit sends from Foxmail: a raw-GBK file name and a GBK RFC 2047 name split mid-character both come out as Chinese', async () => {
  const msg = await parse('foxmail-gbk-submission.eml');
  await assertStoredAsSent('foxmail-gbk-submission.eml', msg);
  assert.deepEqual(msg.attachments.map((a) => [a.part, a.filename, a.sniffedType]), [
    ['2', '2025年科技活动周推荐表.xls', 'cfb'],
    ['3', '附件2：活动开展情况统计表.xlsx', 'zip'],
  ]);
  assert.equal(msg.subject, '经济管理学院-科技活动周材料报送');
  assert.equal(msg.from.name, '王芳');
  assert.match(msg.text, /附件是我院的推荐表和统计表/);
  assert.equal(classifyMessage(msg, { mailboxAddress: MAILBOX }).kind, 'submission');
});

void test('a unit sends its video as a Coremail 超大附件 with a Baidu backup: both links are found, labelled, once each', async () => {
  const msg = await parse('coremail-large-attachment.eml');
  assert.deepEqual(msg.attachments, []);
  assert.deepEqual(msg.links, [
    { url: 'https://pan.baidu.com/s/1AbCdEfGhIjKlMnOp', kind: 'cloud_drive', provider: 'baidu', label: '提取码: k7xq' },
    { url: 'https://mail.example.edu.cn/coremail/common/largeattachment/download.jsp?sid=AbCdEf&mid=1tbiAQ&file=1', kind: 'large_attachment', provider: 'coremail', label: '科技周活动视频（剪辑版）.mp4' },
    { url: 'https://mail.example.edu.cn/coremail/common/largeattachment/download.jsp?sid=AbCdEf&mid=1tbiAQ&file=2', kind: 'large_attachment', provider: 'coremail', label: '活动照片.zip' },
  ]);
  assert.equal(classifyMessage(msg, { mailboxAddress: MAILBOX }).kind, 'submission');
});

void test('a unit replies from an iPhone with a HEIC photo: the photo is kept as a file and the thread ids are read', async () => {
  const msg = await parse('iphone-heic.eml');
  await assertStoredAsSent('iphone-heic.eml', msg);
  assert.deepEqual(msg.attachments.map((a) => [a.filename, a.declaredType, a.sniffedType]), [
    ['IMG_0421.HEIC', 'image/heic', 'heic'],
    ['统计表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'zip'],
  ]);
  assert.equal(msg.inReplyTo, 'reply-42.ack@example.edu.cn');
  assert.deepEqual(msg.references, ['notice-2025@example.edu.cn', 'reply-42.ack@example.edu.cn']);
  assert.match(msg.text, /发自我的iPhone/);
});

void test('a colleague forwards a unit mail as an attachment: the mail and the form inside it are both stored', async () => {
  const msg = await parse('forwarded-rfc822.eml');
  await assertStoredAsSent('forwarded-rfc822.eml', msg);
  assert.deepEqual(msg.attachments.map((a) => [a.part, a.filename, a.declaredType, a.nestedIn]), [
    ['2', '计算机学院推荐表.eml', 'message/rfc822', null],
    ['2.2', '推荐表-计算机学院.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '2'],
  ]);
  assert.match(msg.text, /附件为计算机学院推荐表/, 'the forwarded body is part of the text used to recognise the unit');
});

void test('a forwarded mail deeper than the nesting bound is stored but not opened, with a warning', async () => {
  const msg = await parseStoredMessage({
    source: fs.createReadStream(path.join(FIXTURES, 'forwarded-rfc822.eml')), putBlob: blobs.putBlob, logger: silent, limits: { maxNestingDepth: 0 },
  });
  assert.deepEqual(msg.attachments.map((a) => a.filename), ['计算机学院推荐表.eml']);
  assert.match(msg.parseWarnings.join('\n'), /nested deeper than 0 levels/);
});

void test('a damaged mail (raw-GBK subject, wrong charset, junk in base64, no closing boundary) is read, not rejected', async () => {
  const msg = await parse('broken-mime.eml');
  await assertStoredAsSent('broken-mime.eml', msg);
  assert.equal(msg.subject, '材料报送（机电学院）');
  assert.equal(msg.from.address, 'old-client@example.edu.cn');
  const warnings = msg.parseWarnings.join('\n');
  assert.match(warnings, /raw 8-bit bytes/);
  assert.match(warnings, /closing MIME boundary/);
  assert.match(warnings, /could not be decoded/);
});

void test('bounces of our replies are recognised with the failed recipient and status', async () => {
  // The failed mail's Message-ID, read from the returned original (the Coremail text quotes none).
  const cases: Array<[string, string, string | null, boolean, string[]]> = [
    ['bounce-exchange-ndr.eml', 'no-such-person@example.com', '5.1.1', true, ['ack-0430-01@example.edu.cn']],
    ['bounce-postfix.eml', 'nobody@example.net', '5.1.1', true, ['ack-0502@example.edu.cn']],
    ['bounce-coremail-tuixin.eml', 'wrong-unit@example.edu.cn', '5.1.1', true, []],
  ];
  for (const [name, recipient, status, permanent, originalMessageIds] of cases) {
    const verdict = classifyMessage(await parse(name), { mailboxAddress: MAILBOX });
    assert.equal(verdict.kind, 'bounce', name);
    assert.deepEqual(verdict.bounce, { recipient, status, permanent, originalMessageIds }, name);
  }
});

void test('auto-replies (Outlook out-of-office, RFC 3834 vacation, Tencent Exmail) are never taken for submissions', async () => {
  for (const [name, reason] of [
    ['outlook-out-of-office.eml', /X-Auto-Response-Suppress/],
    ['rfc3834-auto-reply.eml', /Auto-Submitted: auto-replied/],
    ['exmail-auto-reply.eml', /automatic reply/],
  ] as const) {
    const verdict = classifyMessage(await parse(name), { mailboxAddress: MAILBOX });
    assert.equal(verdict.kind, 'auto_reply', name);
    assert.match(verdict.reason, reason, name);
  }
});

void test('a mailing-list mail and one of our own replies are classified as such', async () => {
  assert.equal(classifyMessage(await parse('mailing-list.eml'), { mailboxAddress: MAILBOX }).kind, 'list');
  assert.equal(classifyMessage(await parse('own-reply.eml'), { mailboxAddress: MAILBOX }).kind, 'own');
});
