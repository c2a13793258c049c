/**
 * The store's PostgreSQL introspector sees its own schema only, so a table dropped in another
 * schema of the same database while the store opens does not fail the migration
 * (src/adapters/store/postgres-introspector.ts). Real PostgreSQL; a snapshot taken before the drop
 * makes the race the suite once met by chance happen every time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Kysely, PostgresDialect, PostgresIntrospector, sql } from 'kysely';
import pg from 'pg';
import { CurrentSchemaIntrospector } from '../../../src/adapters/store/postgres-introspector.js';
import { openTestStore, pgUrl, withPgClient, type TestStore } from '../../support/databases.js';

describe('[postgres] the store introspects its own schema only', () => {
  const other = `other_${randomBytes(5).toString('hex')}`;
  let t: TestStore;

  before(async () => {
    await withPgClient((c) => c.query(`create schema ${other}; create table ${other}.doomed (id serial primary key, note text)`));
    t = await openTestStore('postgres');
  });
  after(async () => {
    await t?.dispose();
    await withPgClient((c) => c.query(`drop schema if exists ${other} cascade`));
  });

  it('lists the store’s tables with their columns as Kysely’s own introspector does, and nothing of another schema', async () => {
    // The store's tables have no serial column; one beside them shows that one is told apart.
    await sql`create table counted (id serial primary key, at timestamptz default now(), note text)`.execute(t.store.db);
    const ours = await t.store.db.introspection.getTables({ withInternalKyselyTables: true });
    assert.deepEqual(
      ours.find((table) => table.name === 'counted')?.columns.map((c) => [c.name, c.isAutoIncrementing, c.hasDefaultValue, c.isNullable]),
      [['id', true, true, false], ['at', false, true, true], ['note', false, false, true]],
    );
    const kysely = await new PostgresIntrospector(t.store.db).getTables({ withInternalKyselyTables: true });
    const schema = ours[0]?.schema;
    assert.ok(schema?.startsWith('t_'), `the test's own schema, not ${schema}`);
    assert.ok(ours.every((table) => table.schema === schema));
    assert.ok(kysely.some((table) => table.schema === other), 'Kysely’s own lists the other schema');
    const byName = <T extends { name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(
      byName(ours).map((table) => ({ ...table, columns: byName(table.columns) })),
      byName(kysely.filter((table) => table.schema === schema)).map((table) => ({ ...table, columns: byName(table.columns) })),
    );
    assert.ok(ours.some((table) => table.name === 'kysely_migration'));
    assert.ok(!(await t.store.db.introspection.getTables()).some((table) => table.name.startsWith('kysely_')), 'internal tables left out unless asked');
  });

  it('a table of another schema dropped while the catalog is read: Kysely’s own introspector fails, the store’s lists its own', async () => {
    // The race, made certain: the catalog is read as of a snapshot taken before the drop, while a
    // table is named (as Kysely's own introspector does, for every column) as of now.
    const plain = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: pgUrl, max: 1 }) }) });
    try {
      await plain
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await withPgClient((c) => c.query(`drop table ${other}.doomed`));
          const ours = await new CurrentSchemaIntrospector(trx).getTables();
          assert.ok(ours.every((table) => table.schema === 'public'), 'the current schema only');
          // Kysely's introspector names every table of every schema as of now: the first one gone fails it.
          // That is this test's table, or the schema of another test file dropped in the meantime.
          const failure = await new PostgresIntrospector(trx).getTables().then(() => null, (err: Error) => err);
          assert.ok(failure, 'Kysely’s own introspector fails');
          if (failure.message !== `relation "${other}.doomed" does not exist`) {
            const schema = /^schema "(t_[0-9a-f]+)" does not exist$/.exec(failure.message)?.[1];
            assert.ok(schema, `an unexpected failure: ${failure.message}`);
            const { rows } = await withPgClient((c) => c.query('select 1 from pg_namespace where nspname = $1', [schema]));
            assert.equal(rows.length, 0, `schema ${schema} is still there`);
          }
        });
    } catch (err) {
      // The failed statement aborted the transaction: its ROLLBACK is all that is left.
      if (!(err instanceof Error) || !/current transaction is aborted/.test(err.message)) throw err;
    } finally {
      await plain.destroy();
    }
  });

  it('the introspector is the store’s', () => {
    assert.ok(t.store.db.introspection instanceof CurrentSchemaIntrospector);
  });
});
