/**
 * The outbox states around one SMTP attempt (src/adapters/smtp/deliver-once.ts), on both engines
 * (migration 007): an attempt is taken from `pending` by one conditional write, a transient
 * failure puts it back, an attempt that died becomes `uncertain` — final, counted against the
 * rate limit, not put back in the queues by recovery.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outboxMail } from '../../../src/adapters/store/outbox-row.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';

for (const engine of engines) {
  describe(`[${engine}] outbox: one SMTP attempt at a time, and the uncertain state`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(() => t?.dispose());

    const claim = (key: string, recipient = 'office@example.edu.cn') =>
      t.store.outbox.claim(outboxMail({ id: `reply-${key}`, purpose: 'reply', subjectKey: key, messageId: `reply.${key}@example.edu.cn`, recipient, title: '回复', rawSha256: 'ab', attachmentSha256: [], at: new Date('2026-12-05T01:00:00.000Z') }));

    it('an attempt takes a pending row once: a second attempt on the same row is refused; a transient failure makes it pending again', async () => {
      const row = await claim('m1');
      assert.equal(await t.store.outbox.markSending(row.id, '2026-12-05T01:00:01.000Z'), true);
      assert.equal(await t.store.outbox.markSending(row.id, '2026-12-05T01:00:02.000Z'), false, 'already in an attempt');
      const sending = await t.store.outbox.get(row.id);
      assert.equal(sending?.status, 'sending');
      assert.equal(sending?.sending_at, '2026-12-05T01:00:01.000Z');
      await t.store.outbox.markRetryable(row.id, '451 try later');
      const back = await t.store.outbox.get(row.id);
      assert.equal(back?.status, 'pending');
      assert.equal(back?.last_error, '451 try later');
      assert.equal(await t.store.outbox.markSending(row.id, '2026-12-05T01:00:03.000Z'), true, 'the retry takes it');
    });

    it('a dying attempt becomes uncertain once; a late transient failure does not reopen it; a late record of the send wins', async () => {
      const row = await claim('m2');
      assert.equal(await t.store.outbox.markUncertain(row.id, 'x'), false, 'only a row in an attempt');
      await t.store.outbox.markSending(row.id, '2026-12-05T01:00:01.000Z');
      assert.equal(await t.store.outbox.markUncertain(row.id, 'died'), true);
      assert.equal(await t.store.outbox.markUncertain(row.id, 'died'), false);
      await t.store.outbox.markRetryable(row.id, 'timeout');
      assert.equal((await t.store.outbox.get(row.id))?.status, 'uncertain', 'never back to pending');
      assert.equal(await t.store.outbox.markSending(row.id, '2026-12-05T01:00:05.000Z'), false, 'never sent again');
      assert.deepEqual((await t.store.outbox.list('reply')).filter((r) => r.status === 'uncertain').map((r) => r.id), [row.id]);
    });

    it('a reply claimed with its attempt taken is `sending` from the claim’s commit on: a second claim or attempt takes nothing', async () => {
      const mail = (key: string, channel?: 'draft') =>
        outboxMail({ id: `reply-${key}`, purpose: 'reply', subjectKey: key, messageId: `reply.${key}@example.edu.cn`, recipient: 'taken@example.edu.cn', title: '回复', rawSha256: 'ab', attachmentSha256: [], at: new Date('2026-12-05T01:00:00.000Z'), ...(channel ? { channel } : {}) });
      const first = await t.store.keyedTransactions.run('reply-to:taken@example.edu.cn', (trx) => t.store.outbox.claimTaken(mail('m4'), '2026-12-05T01:00:01.000Z', trx));
      assert.equal(first.taken, true);
      const stored = await t.store.outbox.get(first.row.id);
      assert.deepEqual([stored?.status, stored?.sending_at, Number(stored?.attempts)], ['sending', '2026-12-05T01:00:01.000Z', 1]);
      assert.deepEqual([first.row.status, first.row.sending_at, first.row.attempts], ['sending', '2026-12-05T01:00:01.000Z', 1], 'the row returned is the row stored');
      const again = await t.store.outbox.claimTaken(mail('m4'), '2026-12-05T01:00:09.000Z');
      assert.equal(again.taken, false, 'the row stood: its attempt is not this one');
      assert.equal(again.row.sending_at, '2026-12-05T01:00:01.000Z');
      assert.equal(await t.store.outbox.markSending(first.row.id, '2026-12-05T01:00:10.000Z'), false, 'already in an attempt');
      assert.deepEqual((await t.store.outbox.commitmentsTo('taken@example.edu.cn', '2026-12-04T01:00:00.000Z')).answered, ['m4']);
      const draft = await t.store.outbox.claimTaken(mail('m5', 'draft'), '2026-12-05T01:00:01.000Z');
      assert.deepEqual([draft.taken, (await t.store.outbox.get(draft.row.id))?.status, (await t.store.outbox.get(draft.row.id))?.sending_at], [true, 'drafting', null]);
      await assert.rejects(t.store.outbox.claimTaken({ ...mail('m6'), status: 'refused' }, '2026-12-05T01:00:01.000Z'), /only a mail to send/);
    });

    it('an uncertain reply counts against the recipient’s rate limit and as answered', async () => {
      const row = await claim('m3', 'rate@example.edu.cn');
      await t.store.outbox.markSending(row.id, '2026-12-05T01:00:01.000Z');
      await t.store.outbox.markUncertain(row.id, 'died');
      assert.equal((await t.store.outbox.commitmentsTo('rate@example.edu.cn', '2026-12-04T01:00:00.000Z')).committedAt.length, 1);
      assert.deepEqual((await t.store.outbox.commitmentsTo('rate@example.edu.cn', '2026-12-04T01:00:00.000Z')).answered, ['m3']);
      assert.equal(await t.store.outbox.wroteTo('rate@example.edu.cn'), true);
    });
  });
}
