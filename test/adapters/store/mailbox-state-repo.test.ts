/**
 * Where the watcher stands, on both engines: UIDs taken from a server without keywords are
 * remembered per UIDVALIDITY, and a round's tracking and left-alone count reach `status`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engines, openTestStore } from '../../support/databases.js';

for (const engine of engines) {
  void describe(`mailbox state on ${engine}`, () => {
    void it('remembers taken UIDs per folder and UIDVALIDITY, once each, and finds them among many', async () => {
      const t = await openTestStore(engine);
      try {
        const state = t.store.mailboxState;
        await state.save('INBOX', { uidValidity: '7', lastUid: 0 });
        await state.recordTaken('INBOX', '7', 3);
        await state.recordTaken('INBOX', '7', 3);
        await state.recordTaken('INBOX', '7', 4_000_000_000);
        await state.recordTaken('INBOX', '8', 5);
        await state.recordTaken('Other', '7', 6);
        const many = Array.from({ length: 1_200 }, (_, i) => i + 1).concat([4_000_000_000]);
        assert.deepEqual([...(await state.takenAmong('INBOX', '7', many))].sort((a, b) => a - b), [3, 4_000_000_000]);
        assert.deepEqual([...(await state.takenAmong('INBOX', '8', many))], [5]);
        assert.deepEqual([...(await state.takenAmong('INBOX', '9', many))], []);

        await state.recordRound('INBOX', { ok: true, at: '2025-05-01T00:00:00.000Z', tracking: 'store', leftAlone: 5_000 });
        await state.recordRound('INBOX', { ok: true, at: '2025-05-01T00:01:00.000Z', tracking: 'store' });
        await state.recordRound('INBOX', { ok: false, at: '2025-05-01T00:02:00.000Z', error: 'connection lost' });
        const [row] = await state.all();
        assert.equal(row?.tracking, 'store');
        assert.equal(Number(row?.left_alone), 5_000, 'a round that did not count keeps the last count');
        assert.equal(row?.last_error, 'connection lost');
      } finally {
        await t.dispose();
      }
    });
  });
}
