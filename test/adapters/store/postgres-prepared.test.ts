/**
 * Compiled statements run as named prepared statements on PostgreSQL (postgres-prepared.ts): each
 * connection parses one once, values of every type come back as with unnamed statements, and a
 * connection whose prepared statement a migration invalidated is closed rather than kept failing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { compiledQuery, compiledStatementName } from '../../../src/adapters/store/compiled-query.js';
import { openTestStore, pgUrl, type TestStore } from '../../support/databases.js';

describe('[postgres] compiled statements are prepared once per connection', () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore('postgres');
    await t.store.messages.recordStored({ id: 'm1', dedupeKey: 'mid:m1', rawSha256: 'sha-m1', size: 1234, source: 'import', mailbox: null, uidValidity: null, uid: 42, internalDate: null, storedAt: '2025-05-01T00:00:00.000Z' });
  });
  after(() => t?.dispose());


  it('runs under its name, parsed once on the connection; other SQL is not prepared', async () => {
    const sizeOf = compiledQuery(t.store.db, (q, p: { id: string }) => q.selectFrom('messages').select(['size', 'uid']).where('id', '=', p.id));
    await t.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 8; i++) assert.deepEqual(await sizeOf.first(trx, { id: 'm1' }), { size: 1234, uid: 42 });
      assert.equal(await sizeOf.first(trx, { id: 'nobody' }), undefined);
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      const mine = rows.filter((r) => r.statement.includes('"size", "uid"'));
      assert.equal(mine.length, 1, 'one prepared statement for the eight runs');
      const [row] = mine;
      assert.equal(row?.name, compiledStatementName(row?.statement ?? ''));
      assert.ok(!rows.some((r) => r.statement.includes('pg_prepared_statements')), 'a query not compiled once is sent unnamed');
    });
  });

  it('a column added while a connection holds a `select *` fails that run once; the next runs on a fresh connection', async () => {
    const everything = compiledQuery(t.store.db, (q, p: { id: string }) => q.selectFrom('messages').selectAll().where('id', '=', p.id));
    assert.equal((await everything.first(t.store.db, { id: 'm1' }))?.size, 1234);
    // Another process migrates meanwhile.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.store.db);
    const other = new pg.Client({ connectionString: pgUrl });
    await other.connect();
    try {
      await other.query(`ALTER TABLE ${rows[0]!.schema}.messages ADD COLUMN probe_added text`);
    } finally {
      await other.end();
    }
    await assert.rejects(everything.first(t.store.db, { id: 'm1' }), /cached plan must not change result type/);
    const again = (await everything.first(t.store.db, { id: 'm1' })) as Record<string, unknown> | undefined;
    assert.equal(again?.size, 1234);
    assert.ok(again && 'probe_added' in again, 'the statement prepared anew sees the added column');
  });
});
