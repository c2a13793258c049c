/**
 * Migration 008: the lookups by sender (filesSentBefore, placedMailFrom) find the sender's mail
 * through an index on messages (from_address, id) instead of reading the whole table — the
 * coordinator's mailbox holds years of it. The index is checked on both engines; on SQLite the
 * plan of the statements the repositories really run is checked too.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type CompiledQuery } from 'kysely';
import { createMessageRepo } from '../../../src/adapters/store/message-repo.js';
import type { Database } from '../../../src/adapters/store/schema.js';
import { createSqliteDialect } from '../../../src/adapters/store/sqlite-dialect.js';
import { createSubmissionRepo } from '../../../src/adapters/store/submission-repo.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';

async function indexedColumns(t: TestStore): Promise<string[]> {
  if (t.store.engine === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from pragma_index_info('messages_from_address') order by seqno`.execute(t.store.db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select a.attname as name
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where c.relname = 'messages_from_address' and n.nspname = current_schema()
    order by k.position`.execute(t.store.db);
  return rows.map((r) => r.name);
}

for (const engine of engines) {
  describe(`[${engine}] the index on a message's sender`, () => {
    it('exists after migrating, on the sender’s address then the message key', async () => {
      const t = await openTestStore(engine);
      try {
        assert.deepEqual(await indexedColumns(t), ['from_address', 'id']);
      } finally {
        await t.dispose();
      }
    });
  });
}

describe('[sqlite] the lookups by sender use the index', () => {
  /** The statements a repository runs, caught on their way to the database, with their values. */
  async function statementsOf(dataDir: string, run: (db: Kysely<Database>) => Promise<unknown>): Promise<{ queries: CompiledQuery[]; plan: (q: CompiledQuery) => string[]; close: () => Promise<void> }> {
    const sqlite = new SQLite(path.join(dataDir, 'inbox.sqlite'));
    const queries: CompiledQuery[] = [];
    const db = new Kysely<Database>({ dialect: createSqliteDialect(sqlite), log: (event) => void queries.push(event.query) });
    await run(db);
    const plan = (q: CompiledQuery) => (sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[]).map((r) => r.detail);
    return { queries, plan, close: () => db.destroy() };
  }

  for (const [lookup, run] of [
    ['filesSentBefore', (db: Kysely<Database>) => createMessageRepo(db).filesSentBefore('unit@example.edu.cn', 'm1', ['a'.repeat(64)])],
    ['placedMailFrom', (db: Kysely<Database>) => createSubmissionRepo(db).placedMailFrom('unit@example.edu.cn')],
  ] as const) {
    it(`${lookup} finds the sender's messages through messages_from_address, never a scan of messages`, async () => {
      const t = await openTestStore('sqlite');
      const caught = await statementsOf(t.dataDir, run);
      try {
        const [query] = caught.queries.filter((q) => /from_address/.test(q.sql));
        assert.ok(query, `${lookup} ran a statement on from_address`);
        const plan = caught.plan(query);
        assert.ok(plan.some((step) => /USING (COVERING )?INDEX messages_from_address \(from_address=\?/.test(step)), `plan uses the index: ${plan.join(' | ')}`);
        assert.ok(!plan.some((step) => /^SCAN (messages|m)\b/.test(step)), `plan does not scan messages: ${plan.join(' | ')}`);
      } finally {
        await caught.close();
        await t.dispose();
      }
    });
  }
});
