/**
 * Migration 009: every mail the worker writes keeps the SHA-256 of its attachments with its outbox
 * row, and `mailsTo` reads them back for an address in one query (ingest's "already exchanged",
 * docs/trust.md "No loops"). A row written before the migration has none (NULL), and says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outboxMail, outboxRefusal } from '../../../src/adapters/store/outbox-row.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';

const UNIT = 'office@unit-a.edu.cn';
const sha = (c: string) => c.repeat(64);

for (const engine of engines) {
  describe(`[${engine}] outbox: the digests of a mail's attachments`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(() => t?.dispose());

    const mail = (key: string, minute: number, attachmentSha256: string[], recipient = UNIT) =>
      outboxMail({ id: `reply-${key}`, purpose: 'reply', subjectKey: key, messageId: `reply.${key}@example.edu.cn`, recipient, title: '回复', rawSha256: sha(key), attachmentSha256, at: new Date(Date.UTC(2026, 11, 5, 1, minute)) });

    it('a correction request with two files, a receipt with none, an older mail without digests: newest first, the old one NULL', async () => {
      await t.store.outbox.claim(mail('a', 1, [sha('1'), sha('2')]));
      await t.store.outbox.claim(mail('b', 2, []));
      await t.store.outbox.claim(mail('c', 0, [sha('3')]));
      // Written before migration 009: no digests kept.
      await t.store.db.updateTable('outbox').set({ attachment_sha256_json: null }).where('id', '=', 'reply-c').execute();
      // Not a mail to this unit, or no mail at all: not listed.
      await t.store.outbox.claim(mail('d', 3, [sha('4')], 'someone@unit-b.edu.cn'));
      await t.store.outbox.claim(outboxRefusal({ id: 'reply-e', subjectKey: 'e', recipient: UNIT, reason: 'rate_limited', title: '来信', at: new Date(Date.UTC(2026, 11, 5, 1, 4)) }));

      assert.deepEqual(await t.store.outbox.mailsTo(` ${UNIT.toUpperCase()} `, 40), [
        { rawSha256: sha('b'), attachmentSha256: [] },
        { rawSha256: sha('a'), attachmentSha256: [sha('1'), sha('2')] },
        { rawSha256: sha('c'), attachmentSha256: null },
      ]);
      assert.deepEqual((await t.store.outbox.mailsTo(UNIT, 2)).map((m) => m.rawSha256), [sha('b'), sha('a')], 'bounded to the newest');
      assert.equal((await t.store.outbox.get('reply-e'))?.attachment_sha256_json, null, 'a refusal has no mail, so no digests');
    });

    it('the digests stay with the row through its claim with the attempt taken', async () => {
      const { row } = await t.store.outbox.claimTaken(mail('f', 5, [sha('5')], 'taken@unit-c.edu.cn'), '2026-12-05T01:05:01.000Z');
      assert.equal(row.attachment_sha256_json, JSON.stringify([sha('5')]));
      assert.deepEqual(await t.store.outbox.mailsTo('taken@unit-c.edu.cn', 40), [{ rawSha256: sha('f'), attachmentSha256: [sha('5')] }]);
    });
  });
}
