/**
 * compiledQuery (src/adapters/store/compiled-query.ts): a statement built and compiled once, run
 * again with new values — on both engines, on the database and inside a transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compiledInsert, compiledQuery, rowsPerInsert } from '../../../src/adapters/store/compiled-query.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';

for (const engine of engines) {
  describe(`[${engine}] statements compiled once`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
      for (const id of ['m1', 'm2', 'm3']) {
        await t.store.messages.recordStored({ id, dedupeKey: `mid:${id}`, rawSha256: `sha-${id}`, size: id.length, source: 'import', mailbox: null, uidValidity: null, uid: null, internalDate: null, storedAt: `2025-05-0${id.slice(1)}T00:00:00.000Z` });
      }
    });
    after(() => t?.dispose());

    it('built once, then run with each call’s values; the values written in the query stay as they were', async () => {
      let builds = 0;
      const stored = compiledQuery(t.store.db, (q, p: { id: string }) => {
        builds++;
        return q.selectFrom('messages').select(['id', 'raw_sha256']).where('id', '=', p.id).where('state', '=', 'stored');
      });
      assert.deepEqual(await stored.first(t.store.db, { id: 'm2' }), { id: 'm2', raw_sha256: 'sha-m2' });
      assert.deepEqual(await stored.rows(t.store.db, { id: 'm3' }), [{ id: 'm3', raw_sha256: 'sha-m3' }]);
      assert.equal(await stored.first(t.store.db, { id: 'nobody' }), undefined);
      assert.equal(builds, 1);
    });

    it('a placeholder used twice is bound twice; a write says how many rows it changed', async () => {
      const rename = compiledQuery(t.store.db, (q, p: { id: string; subject: string }) => q.updateTable('messages').set({ subject: p.subject, from_name: p.subject }).where('id', '=', p.id));
      assert.equal(await rename.run(t.store.db, { id: 'm1', subject: '推荐表' }), 1);
      assert.equal(await rename.run(t.store.db, { id: 'nobody', subject: 'x' }), 0);
      const row = await t.store.messages.get('m1');
      assert.deepEqual([row?.subject, row?.from_name], ['推荐表', '推荐表']);
    });

    it('inside a transaction it runs on the transaction: a rollback takes its writes back', async () => {
      const rename = compiledQuery(t.store.db, (q, p: { id: string; subject: string }) => q.updateTable('messages').set({ subject: p.subject }).where('id', '=', p.id));
      await assert.rejects(
        t.store.db.transaction().execute(async (trx) => {
          await rename.run(trx, { id: 'm3', subject: 'rolled back' });
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal((await t.store.messages.get('m3'))?.subject, null);
    });

    it('a placeholder Kysely did not bind, or a value left undefined, is an error, never a wrong statement', async () => {
      const unbound = compiledQuery(t.store.db, (q, p: { id: string; other: string }) => {
        void p.other;
        return q.selectFrom('messages').select('id').where('id', '=', p.id);
      });
      await assert.rejects(unbound.first(t.store.db, { id: 'm1', other: 'x' }), /placeholder\(s\) other not bound/);
      const byId = compiledQuery(t.store.db, (q, p: { id: string }) => q.selectFrom('messages').select('id').where('id', '=', p.id));
      await assert.rejects(byId.first(t.store.db, { id: undefined as unknown as string }), /no value for placeholder id/);
    });

    it('a batch larger than one INSERT may bind is cut into several; a re-run inserts nothing twice', async () => {
      const columns = ['message_id', 'part', 'filename', 'declared_type', 'sniffed_type', 'size', 'sha256', 'nested_in'] as const;
      const insert = compiledInsert(t.store.db, 'attachments', columns, ['message_id', 'part']);
      const count = rowsPerInsert(columns.length) + 7;
      const rows = Array.from({ length: count }, (_, i) => ({ message_id: 'm1', part: `1.${i}`, filename: `f${i}.xlsx`, declared_type: 'application/octet-stream', sniffed_type: 'xlsx', size: i, sha256: `s${i}`, nested_in: null }));
      assert.equal(await insert.insert(t.store.db, rows), count);
      assert.equal(await insert.insert(t.store.db, rows.slice(0, 10)), 0);
      const stored = await t.store.messages.attachments('m1');
      assert.equal(stored.length, count);
      assert.deepEqual(
        stored.filter((a) => a.part === `1.${count - 1}`).map((a) => [a.filename, Number(a.size)]),
        [[`f${count - 1}.xlsx`, count - 1]],
      );
    });
  });
}
