import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseStoredMessage, UnreadableMessageError } from '../../../src/adapters/mime/parse-stored-message.js';
import { createBlobDir } from './blob-dir.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'mail');
const silent = { warn: () => undefined, debug: () => undefined };
const blobs = await createBlobDir();
after(() => blobs.remove());

void test('a file that is not mail at all (a zip, an empty file) is rejected as UnreadableMessageError', async () => {
  for (const bytes of [Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(0)]) {
    await assert.rejects(parseStoredMessage({ source: Readable.from([bytes]), putBlob: blobs.putBlob, logger: silent }), (err: Error) => {
      assert.ok(err instanceof UnreadableMessageError);
      assert.equal(err.name, 'UnreadableMessageError');
      return true;
    });
  }
});

void test('a message cut off in the middle of its attachment is salvaged with a warning', async () => {
  const whole = fs.readFileSync(path.join(FIXTURES, 'outlook-submission.eml'));
  const msg = await parseStoredMessage({ source: Readable.from([whole.subarray(0, whole.length - 200)]), putBlob: blobs.putBlob, logger: silent });
  assert.equal(msg.subject, '【推荐表】机械与电子控制工程学院 科技活动周活动推荐');
  assert.equal(msg.attachments.length, 1);
  assert.match(msg.parseWarnings.join('\n'), /closing MIME boundary/);
});

void test('when the blob store fails, the error reaches the caller (so the job retries) instead of a half-parsed message', async () => {
  const diskFull = new Error('ENOSPC: no space left on device');
  const putBlob = async (stream: NodeJS.ReadableStream): Promise<never> => {
    (stream as Readable).resume();
    throw diskFull;
  };
  await assert.rejects(parseStoredMessage({ source: fs.createReadStream(path.join(FIXTURES, 'foxmail-gbk-submission.eml')), putBlob, logger: silent }), diskFull);
});

void test('when reading the stored message fails, that error reaches the caller', async () => {
  const broken = new Readable({ read() { this.push(Buffer.from('From: a@example.edu.cn\r\nSubject: x\r\n')); this.destroy(new Error('EIO: read failed')); } });
  await assert.rejects(parseStoredMessage({ source: broken, putBlob: blobs.putBlob, logger: silent }), /EIO/);
});

void test('body text is cut at maxTextBytes without splitting a character', async () => {
  const msg = await parseStoredMessage({ source: fs.createReadStream(path.join(FIXTURES, 'foxmail-gbk-submission.eml')), putBlob: blobs.putBlob, logger: silent, limits: { maxTextBytes: 10 } });
  assert.equal(msg.text, '吴老师', '10 bytes hold three 3-byte characters, not three and a third');
});
