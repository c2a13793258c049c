import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Classification, ParsedMessage } from '../../../src/domain/mail/message.js';
import { engines, openTestStore } from '../../support/databases.js';

const at = '2025-05-03T02:00:00.000Z';

function storedMessage(id: string, dedupeKey: string) {
  return { id, dedupeKey, rawSha256: 'a'.repeat(64), size: 1234, source: 'imap' as const, mailbox: 'INBOX', uidValidity: '7', uid: 4_000_000_000, internalDate: at, storedAt: at };
}

function parsedMessage(): ParsedMessage {
  return {
    messageId: 'abc@example.edu.cn',
    from: { address: 'unit@example.edu.cn', name: '电信学院' },
    replyTo: [],
    to: [{ address: 'mywu@example.edu.cn', name: '' }],
    cc: [],
    subject: '电信学院 推荐表',
    sentAt: at,
    receivedAt: '2025-05-03T02:00:05.000Z',
    inReplyTo: null,
    references: [],
    text: '请查收',
    attachments: [{ part: '2', filename: '附件1-推荐表.xlsx', declaredType: 'application/vnd.ms-excel', sniffedType: 'zip', size: 99, sha256: 'b'.repeat(64), nestedIn: null }],
    links: [],
    headers: {},
    topContentType: 'multipart/mixed',
    parseWarnings: [],
  };
}

for (const engine of engines) {
  describe(`message store on ${engine}`, () => {
    it('stores a message once however often it is offered, keeping large UIDs exact', async () => {
      const t = await openTestStore(engine);
      try {
        assert.deepEqual(await t.store.messages.recordStored(storedMessage('m1', 'mid:abc@example.edu.cn')), { inserted: true });
        assert.deepEqual(await t.store.messages.recordStored(storedMessage('m1', 'mid:abc@example.edu.cn')), { inserted: false });
        const row = await t.store.messages.get('m1');
        assert.equal(row?.uid, 4_000_000_000);
        assert.equal(row?.size, 1234);
        assert.equal(row?.state, 'stored');
        assert.deepEqual(await t.store.messages.idsInState('stored'), ['m1']);
      } finally {
        await t.dispose();
      }
    });

    it('tells which files a sender already sent in another mail (the files of a reply that brings nothing new)', async () => {
      const t = await openTestStore(engine);
      try {
        const verdict: Classification = { kind: 'submission', reason: 'ordinary mail' };
        await t.store.messages.recordStored(storedMessage('m1', 'mid:abc@example.edu.cn'));
        await t.store.messages.recordIngested('m1', parsedMessage(), verdict, at);
        const other = { ...parsedMessage(), messageId: 'other@example.edu.cn', from: { address: 'other@example.edu.cn', name: '' }, attachments: [{ ...parsedMessage().attachments[0]!, sha256: 'c'.repeat(64) }] };
        await t.store.messages.recordStored(storedMessage('m2', 'mid:other@example.edu.cn'));
        await t.store.messages.recordIngested('m2', other, verdict, at);
        const asked = ['b'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)];
        assert.deepEqual([...(await t.store.messages.filesSentBefore('Unit@example.edu.cn', 'm9', asked))], ['b'.repeat(64)], 'only this sender’s files, the address in any case');
        assert.deepEqual([...(await t.store.messages.filesSentBefore('unit@example.edu.cn', 'm1', asked))], [], 'the mail itself does not count');
      } finally {
        await t.dispose();
      }
    });

    it('records an ingested message with its attachments, idempotently', async () => {
      const t = await openTestStore(engine);
      try {
        await t.store.messages.recordStored(storedMessage('m1', 'mid:abc@example.edu.cn'));
        const verdict: Classification = { kind: 'submission', reason: 'ordinary mail' };
        await t.store.messages.recordIngested('m1', parsedMessage(), verdict, at);
        await t.store.messages.recordIngested('m1', parsedMessage(), verdict, at);
        const row = await t.store.messages.get('m1');
        assert.equal(row?.state, 'ingested');
        assert.equal(row?.kind, 'submission');
        assert.equal(row?.subject, '电信学院 推荐表');
        assert.equal(row?.received_at, '2025-05-03T02:00:05.000Z');
        const files = await t.store.messages.attachments('m1');
        assert.equal(files.length, 1);
        assert.equal(files[0]?.filename, '附件1-推荐表.xlsx');
        assert.deepEqual(await t.store.messages.counts(), { stored: 1, byState: { ingested: 1 }, byKind: { submission: 1 } });
      } finally {
        await t.dispose();
      }
    });

    it('an unrelated mail keeps only what stops it being taken twice; a blob another message uses stays in use', async () => {
      const t = await openTestStore(engine);
      try {
        const verdict: Classification = { kind: 'submission', reason: 'ordinary mail' };
        await t.store.messages.recordStored(storedMessage('m1', 'mid:abc@example.edu.cn'));
        await t.store.messages.recordIngested('m1', parsedMessage(), verdict, at);
        // Another mail carries the same file (same sha256) and is kept.
        await t.store.messages.recordStored({ ...storedMessage('m2', 'mid:other@example.edu.cn'), rawSha256: 'c'.repeat(64) });
        await t.store.messages.recordIngested('m2', { ...parsedMessage(), messageId: 'other@example.edu.cn' }, verdict, at);

        const blobs = await t.store.messages.recordUnrelated('m1', 'Nothing ties it to the call.');
        assert.deepEqual(blobs.sort(), ['a'.repeat(64), 'b'.repeat(64)]);
        const row = await t.store.messages.get('m1');
        assert.deepEqual([row?.kind, row?.subject, row?.from_address, row?.parsed_json, row?.message_id], ['unrelated', null, null, null, null]);
        assert.equal(row?.dedupe_key, 'mid:abc@example.edu.cn', 'the key that stops it being stored twice stays');
        assert.deepEqual(await t.store.messages.attachments('m1'), []);
        assert.deepEqual([...(await t.store.messages.blobsInUse(blobs))], ['b'.repeat(64)], 'the raw copy is free, the shared file is not');
        assert.deepEqual(await t.store.messages.recordStored(storedMessage('m1', 'mid:abc@example.edu.cn')), { inserted: false }, 'offered again, not stored again');
      } finally {
        await t.dispose();
      }
    });

    it('keeps the mailbox position and round outcomes across a reopen', async () => {
      const t = await openTestStore(engine);
      try {
        assert.equal(await t.store.mailboxState.load('INBOX'), null);
        await t.store.mailboxState.save('INBOX', { uidValidity: '1700000000', lastUid: 42 });
        await t.store.mailboxState.recordRound('INBOX', { ok: false, at, error: 'ECONNREFUSED' });
        const again = await t.reopen();
        try {
          assert.deepEqual(await again.mailboxState.load('INBOX'), { uidValidity: '1700000000', lastUid: 42 });
          const [row] = await again.mailboxState.all();
          assert.equal(row?.last_error, 'ECONNREFUSED');
          assert.equal(row?.last_success_at, null);
        } finally {
          await again.close();
        }
      } finally {
        await t.dispose();
      }
    });

    it('counts a repeated incident on one open row until it is resolved', async () => {
      const t = await openTestStore(engine);
      try {
        await t.store.incidents.record('intake_stall', 'INBOX', 'no round for 15 min', at);
        await t.store.incidents.record('intake_stall', 'INBOX', 'no round for 30 min', at);
        let open = await t.store.incidents.open();
        assert.equal(open.length, 1);
        assert.equal(Number(open[0]?.count), 2);
        assert.equal(open[0]?.detail, 'no round for 30 min');
        await t.store.incidents.resolve('intake_stall', 'INBOX', at);
        open = await t.store.incidents.open();
        assert.equal(open.length, 0);
      } finally {
        await t.dispose();
      }
    });
  });
}
