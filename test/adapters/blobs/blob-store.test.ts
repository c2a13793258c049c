import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { describe, it } from 'node:test';
import { createBlobStore } from '../../../src/adapters/blobs/blob-store.js';

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'blobs-'));
}

describe('blob store', () => {
  it('stores bytes under their SHA-256 and gives them back unchanged', async () => {
    const blobs = createBlobStore(tempDir());
    const bytes = Buffer.from('附件1-推荐表 bytes');
    const stored = await blobs.putBuffer(bytes);
    assert.equal(stored.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(stored.size, bytes.length);
    assert.deepEqual(await blobs.read(stored.sha256), bytes);
    assert.equal(await blobs.has(stored.sha256), true);
  });

  it('stores the same content once and leaves no temporary files behind', async () => {
    const root = tempDir();
    const blobs = createBlobStore(root);
    const a = await blobs.putBuffer(Buffer.from('same'));
    const b = await blobs.putStream(Readable.from([Buffer.from('sa'), Buffer.from('me')]));
    assert.equal(a.sha256, b.sha256);
    assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), []);
  });

  it('takes a stream that arrives over time through a transform (as intake hands a download on)', async () => {
    const blobs = createBlobStore(tempDir());
    const download = new PassThrough();
    const passOn = new Transform({ transform: (chunk, _enc, done) => done(null, chunk) });
    download.pipe(passOn);
    setTimeout(() => {
      download.write(Buffer.from('附件1-'));
      download.end(Buffer.from('推荐表'));
    }, 20);
    const stored = await blobs.putStream(passOn);
    assert.deepEqual(await blobs.read(stored.sha256), Buffer.from('附件1-推荐表'));
  });

  it('leaves nothing under a hash when the source stream fails half-way', async () => {
    const root = tempDir();
    const blobs = createBlobStore(root);
    const broken = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    await assert.rejects(blobs.putStream(broken), /connection reset/);
    assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), []);
    const files = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory());
    assert.deepEqual(files, [], 'no file anywhere, only the empty folders the store opened with');
  });

  it('opens with its 256 folders, and still settles a blob whose folder was removed since', async () => {
    const root = tempDir();
    const blobs = createBlobStore(root);
    const folders = fs.readdirSync(root).filter((n) => n !== 'tmp');
    assert.equal(folders.length, 256);
    assert.ok(folders.every((n) => /^[0-9a-f]{2}$/.test(n)));
    const bytes = Buffer.from('附件2-统计表');
    const sha = createHash('sha256').update(bytes).digest('hex');
    fs.rmSync(path.join(root, sha.slice(0, 2)), { recursive: true });
    assert.equal((await blobs.putBuffer(bytes)).sha256, sha);
    assert.equal(blobs.pathOf(sha), path.join(root, sha.slice(0, 2), sha));
    assert.deepEqual(fs.readFileSync(blobs.pathOf(sha)), bytes);
    // Opened again, the store finds its folders and the blob in its place.
    assert.deepEqual(await createBlobStore(root).read(sha), bytes);
    assert.equal(fs.readdirSync(root).length, 257);
  });

  it('finds, streams and removes a blob a store of the older layout kept two folders down', async () => {
    const root = tempDir();
    const bytes = Buffer.from('附件1-推荐表（旧存储）');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const older = path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
    fs.mkdirSync(path.dirname(older), { recursive: true });
    fs.writeFileSync(older, bytes);
    const blobs = createBlobStore(root);
    assert.equal(await blobs.has(sha), true);
    assert.deepEqual(await blobs.read(sha), bytes);
    const chunks: Buffer[] = [];
    for await (const c of blobs.createReadStream(sha)) chunks.push(c as Buffer);
    assert.deepEqual(Buffer.concat(chunks), bytes);
    await blobs.remove(sha);
    assert.equal(await blobs.has(sha), false);
    assert.equal(fs.existsSync(older), false);
  });

  it('reads a blob as a stream: a small one in one piece, a large one in chunks, a missing one as a stream error', async () => {
    const blobs = createBlobStore(tempDir());
    const chunksOf = async (stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return chunks;
    };
    const small = Buffer.from('附件1-推荐表'.repeat(100));
    const smallChunks = await chunksOf(blobs.createReadStream((await blobs.putBuffer(small)).sha256));
    assert.equal(smallChunks.length, 1);
    assert.deepEqual(smallChunks[0], small);
    const large = Buffer.alloc(600 * 1024, 7);
    const largeChunks = await chunksOf(blobs.createReadStream((await blobs.putBuffer(large)).sha256));
    assert.ok(largeChunks.length > 1, 'streamed, not read whole');
    assert.deepEqual(Buffer.concat(largeChunks), large);
    const range = await chunksOf(blobs.createReadStream((await blobs.putBuffer(small)).sha256, { start: 0, end: 2 }));
    assert.deepEqual(Buffer.concat(range), small.subarray(0, 3));
    await assert.rejects(chunksOf(blobs.createReadStream('0'.repeat(64))), /ENOENT/);
  });

  it('sweeps the temporary file a stopped put left, and neither a put in progress nor a stored blob', async () => {
    const root = tempDir();
    const blobs = createBlobStore(root);
    const stored = await blobs.putBuffer(Buffer.from('附件2-统计表'));
    // What a process killed in the middle of a put leaves: a temporary file nobody writes any more.
    const left = path.join(root, 'tmp', 'killed-put');
    fs.writeFileSync(left, 'half a mail');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(left, twoHoursAgo, twoHoursAgo);
    // A put in progress: its source has sent part of its bytes and not ended.
    const download = new PassThrough();
    const putting = blobs.putStream(download);
    download.write(Buffer.from('a download '));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fs.readdirSync(path.join(root, 'tmp')).length, 2);

    assert.equal(blobs.sweepAbandoned(), 1);
    assert.equal(fs.existsSync(left), false);
    download.end(Buffer.from('still arriving'));
    const settled = await putting;
    assert.deepEqual(await blobs.read(settled.sha256), Buffer.from('a download still arriving'));
    assert.deepEqual(await blobs.read(stored.sha256), Buffer.from('附件2-统计表'));
    assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), []);
  });

  it('writes a stream of many megabytes whole and in order', async () => {
    const blobs = createBlobStore(tempDir());
    // 12 MB in 64 KB chunks, each chunk different.
    const chunks = Array.from({ length: 192 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const stored = await blobs.putStream(Readable.from(chunks));
    const whole = Buffer.concat(chunks);
    assert.equal(stored.size, whole.length);
    assert.equal(stored.sha256, createHash('sha256').update(whole).digest('hex'));
    assert.ok((await blobs.read(stored.sha256)).equals(whole));
  });

  it('a put the disk refuses fails with the disk\'s error code and leaves no file; the next put is stored', async () => {
    const root = tempDir();
    const blobs = createBlobStore(root);
    // The temporary files' folder gone: opening the put's file fails, as a full or broken disk would.
    fs.rmSync(path.join(root, 'tmp'), { recursive: true });
    await assert.rejects(blobs.putBuffer(Buffer.from('附件1')), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    await assert.rejects(blobs.putStream(Readable.from([Buffer.from('附件'), Buffer.from('2')])), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    const files = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory());
    assert.deepEqual(files, []);
    fs.mkdirSync(path.join(root, 'tmp'));
    const stored = await blobs.putBuffer(Buffer.from('附件1'));
    assert.deepEqual(await blobs.read(stored.sha256), Buffer.from('附件1'));
  });

  it('refuses anything but a hash as a blob id, so a sender file name can never become a path', () => {
    const blobs = createBlobStore(tempDir());
    assert.throws(() => blobs.pathOf('../../etc/passwd'), /not a sha256/);
  });
});
