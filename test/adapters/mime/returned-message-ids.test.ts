/**
 * A report names the mail it is about: a bounce returns the original's headers (RFC 6522) or the
 * whole original, a read receipt gives its Original-Message-ID (RFC 8098). The parser reads those
 * ids so the worker can tell a bounce of its own reply from one of the coordinator's own mail.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import pino from 'pino';
import { parseStoredMessage } from '../../../src/adapters/mime/parse-stored-message.js';
import { classifyMessage } from '../../../src/domain/mail/classify.js';
import { originalMessageIds } from '../../../src/domain/mail/classify-bounce.js';
import { createBlobDir, type BlobDir } from './blob-dir.js';

let blobs: BlobDir;
before(async () => { blobs = await createBlobDir(); });
after(async () => { await blobs.remove(); });

const report = (type: string, lastPart: string[], reportType = 'delivery-status', statusPart = ['Reporting-MTA: dns; mx.example.cn', '', 'Final-Recipient: rfc822; a@example.cn', 'Action: failed', 'Status: 5.1.1']) => Buffer.from([
  'From: MAILER-DAEMON@example.cn',
  'To: mywu@bjtu.edu.cn',
  'Subject: Undelivered Mail Returned to Sender',
  'Message-ID: <the-report@example.cn>',
  'MIME-Version: 1.0',
  `Content-Type: multipart/report; report-type=${reportType}; boundary="b"`,
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'Your mail could not be delivered.',
  '--b',
  `Content-Type: message/${reportType}`,
  '',
  ...statusPart,
  '--b',
  `Content-Type: ${type}`,
  '',
  ...lastPart,
  '--b--',
  '',
].join('\r\n'));

const parse = (raw: Buffer) => parseStoredMessage({ source: Readable.from([raw]), putBlob: blobs.putBlob, logger: pino({ level: 'silent' }) });
const original = ['From: mywu@bjtu.edu.cn', 'To: a@example.cn', 'Subject: 回执', 'Message-ID: <reply-1@bjtu.edu.cn>', ''];

void test('a bounce returning the original headers (text/rfc822-headers) names its Message-ID', async () => {
  const parsed = await parse(report('text/rfc822-headers', original));
  assert.deepEqual(parsed.returnedMessageIds, ['reply-1@bjtu.edu.cn']);
  const verdict = classifyMessage(parsed, { mailboxAddress: 'mywu@bjtu.edu.cn' });
  assert.equal(verdict.kind, 'bounce');
  assert.deepEqual(verdict.bounce?.originalMessageIds, ['reply-1@bjtu.edu.cn']);
  assert.equal(verdict.bounce?.recipient, 'a@example.cn');
});

void test('a bounce returning the whole original (message/rfc822) names its Message-ID, not the ids quoted in its body', async () => {
  const parsed = await parse(report('message/rfc822', [...original, 'See Message-ID: <not-a-header@x.cn> in the text.']));
  assert.deepEqual(parsed.returnedMessageIds, ['reply-1@bjtu.edu.cn']);
  assert.deepEqual(originalMessageIds(parsed), ['reply-1@bjtu.edu.cn']);
});

void test('a read receipt (RFC 8098) names the Original-Message-ID and is marked as a report on that mail', async () => {
  const parsed = await parse(report('text/rfc822-headers', original, 'disposition-notification', ['Reporting-UA: example.cn; Foxmail', 'Final-Recipient: rfc822; a@example.cn', 'Original-Message-ID: <reply-1@bjtu.edu.cn>', 'Disposition: manual-action/MDN-sent-manually; displayed']));
  assert.deepEqual(parsed.returnedMessageIds, ['reply-1@bjtu.edu.cn']);
  const verdict = classifyMessage(parsed, { mailboxAddress: 'mywu@bjtu.edu.cn' });
  assert.equal(verdict.kind, 'auto_reply');
  assert.equal(verdict.reportsOn, 'read_receipt');
});

void test('ordinary mail names no returned Message-ID', async () => {
  const parsed = await parse(Buffer.from(['From: a@example.cn', 'To: mywu@bjtu.edu.cn', 'Subject: hi', 'Message-ID: <m@example.cn>', '', 'Message-ID: <quoted@x.cn>', ''].join('\r\n')));
  assert.deepEqual(parsed.returnedMessageIds, []);
});
