/**
 * Intake on a real blob store and SQLite: the Message-ID is read from the bytes as they are
 * stored (not read back), a message offered twice is stored once, and a source that breaks
 * mid-stream is an error, never a hang or a half-stored message.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createBlobStore } from '../../../src/adapters/blobs/blob-store.js';
import { createIntake, type Intake } from '../../../src/stages/intake/intake.js';
import { openTestStore, type TestStore } from '../../support/databases.js';

const mail = (messageId: string, filler = 0) =>
  Buffer.from(
    `From: a@bjtu.edu.cn\r\nTo: mywu@bjtu.edu.cn\r\nX-Filler: ${'x'.repeat(filler)}\r\nMessage-ID: <${messageId}>\r\nSubject: 推荐表\r\n\r\nbody\r\n`,
  );
/** A stream that hands the bytes over in small chunks, as a socket does. */
const chunked = (bytes: Buffer, size = 1000) => Readable.from((function* () { for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size); })());
const incoming = (source: NodeJS.ReadableStream) => ({ source, origin: 'import' as const, mailbox: null, uidValidity: null, uid: null, internalDate: null });

describe('intake', () => {
  let t: TestStore;
  let intake: Intake;
  const queued: string[] = [];

  before(async () => {
    t = await openTestStore('sqlite');
    intake = createIntake({
      blobs: createBlobStore(`${t.dataDir}/blobs`),
      messages: t.store.messages,
      enqueueIngest: async (id) => {
        queued.push(id);
      },
      now: () => new Date('2025-05-01T00:00:00Z'),
      logger: pino({ level: 'silent' }),
    });
  });
  after(() => t?.dispose());

  it('finds the Message-ID behind 100 KB of headers, in small chunks, and keys the message by it', async () => {
    const first = await intake.take(incoming(chunked(mail('big-header@bjtu.edu.cn', 100_000))));
    const stored = await t.store.messages.get(first.messageKey);
    assert.equal(stored?.dedupe_key, 'mid:big-header@bjtu.edu.cn');
    assert.equal(first.duplicate, false);
    assert.deepEqual(queued, [first.messageKey]);
  });

  it('the same Message-ID offered again (a rebuilt mailbox) is stored once; while not yet ingested its job is queued again under the same key', async () => {
    const again = await intake.take(incoming(chunked(mail('big-header@bjtu.edu.cn', 100_000), 7)));
    assert.equal(again.duplicate, true);
    assert.equal((await t.store.messages.byMessageIdHeader('big-header@bjtu.edu.cn')).length, 0, 'not ingested yet: the header column is empty');
    assert.equal((await t.store.messages.counts()).stored, 1);
    assert.deepEqual(queued, [again.messageKey, again.messageKey]);
  });

  it('a source that breaks mid-message rejects, and nothing is stored', async () => {
    const broken = new Readable({ read() {} });
    broken.push(mail('broken@bjtu.edu.cn').subarray(0, 40));
    setImmediate(() => broken.destroy(new Error('connection reset')));
    await assert.rejects(intake.take(incoming(broken)), /connection reset/);
    assert.equal((await t.store.messages.counts()).stored, 1, 'only the first message is stored');
    assert.equal(queued.length, 2);
  });
});
