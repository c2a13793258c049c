import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parseStoredMessage } from '../../../src/adapters/mime/parse-stored-message.js';
import { createBlobDir } from './blob-dir.js';

const ATTACHMENT_BYTES = 200 * 1024 * 1024;
const CHUNK = 57 * 1024; // a multiple of 57 bytes = whole 76-char base64 lines

/** Deterministic, incompressible-looking bytes for chunk `i` (the same on every call). */
function chunkBytes(i: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let seed = createHash('sha256').update(String(i)).digest();
  for (let off = 0; off < size; off += seed.length) {
    seed.copy(out, off, 0, Math.min(seed.length, size - off));
    seed = createHash('sha256').update(seed).digest();
  }
  return out;
}

/** A whole message with one 200 MiB base64 attachment, generated as it is read: never held in memory. */
function hugeMessage(): { source: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  const chunks = Math.ceil(ATTACHMENT_BYTES / CHUNK);
  async function* generate(): AsyncGenerator<Buffer> {
    yield Buffer.from([
      'From: =?UTF-8?B?5YiY5L2z?= <liujia@example.edu.cn>',
      'To: keyan-submit@example.edu.cn',
      'Subject: =?UTF-8?B?5rS75Yqo6KeG6aKR?=',
      'Date: Tue, 10 Jun 2025 09:00:00 +0800',
      'Message-ID: <video-200m@example.edu.cn>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="big"',
      '',
      '--big',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '活动视频见附件。',
      '--big',
      'Content-Type: video/mp4; name="video.mp4"',
      'Content-Disposition: attachment; filename="video.mp4"',
      'Content-Transfer-Encoding: base64',
      '',
      '',
    ].join('\r\n'));
    for (let i = 0; i < chunks; i++) {
      const bytes = chunkBytes(i, Math.min(CHUNK, ATTACHMENT_BYTES - i * CHUNK));
      hash.update(bytes);
      yield Buffer.from(bytes.toString('base64').replace(/.{76}/g, '$&\r\n').replace(/\r\n$/, '') + '\r\n');
    }
    yield Buffer.from('--big--\r\n');
  }
  return { source: Readable.from(generate(), { objectMode: false }), sha256: () => hash.digest('hex') };
}

const blobs = await createBlobDir();
after(() => blobs.remove());

void test('a unit attaches a 200 MB video: it streams to disk intact while memory stays flat', async (t) => {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const started = Date.now();
  const message = hugeMessage();
  try {
    const msg = await parseStoredMessage({ source: message.source, putBlob: blobs.putBlob, logger: { warn: () => undefined, debug: () => undefined } });
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - baseline) / 1024 / 1024;
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(`200 MiB base64 attachment: peak RSS growth ${growthMb.toFixed(1)} MB (baseline ${(baseline / 1048576).toFixed(0)} MB, peak ${(peak / 1048576).toFixed(0)} MB), ${seconds.toFixed(1)} s, ${(200 / seconds).toFixed(0)} MiB/s`);
    assert.equal(msg.attachments.length, 1);
    const video = msg.attachments[0]!;
    assert.equal(video.filename, 'video.mp4');
    assert.equal(video.size, ATTACHMENT_BYTES);
    assert.equal(video.sha256, message.sha256());
    assert.equal(await blobs.hashOnDisk(video.sha256), video.sha256);
    assert.equal(msg.text.trim(), '活动视频见附件。');
    assert.ok(growthMb < 100, `RSS grew by ${growthMb.toFixed(1)} MB while parsing a 200 MB attachment`);
  } finally {
    clearInterval(sampler);
  }
});
