/**
 * Several processes on one SQLite file (docs/architecture.md): a writer that finds the write lock
 * held by another connection waits for it on a timer, so the rest of its process goes on, and
 * gets it once the other commits; past the wait limit it fails with SQLITE_BUSY (its job is
 * retried). The other "process" here is a second better-sqlite3 connection to the same file.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { createSqliteDialect } from '../../../src/adapters/store/sqlite-dialect.js';

interface Db {
  notes: { id: Generated<number>; text: string };
}

function openPair(lockWaitMs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-lock-'));
  const file = path.join(dir, 'db.sqlite');
  const ours = new SQLite(file);
  ours.pragma('journal_mode = WAL');
  ours.pragma('busy_timeout = 0');
  ours.exec('create table notes (id integer primary key, text text not null)');
  const other = new SQLite(file);
  other.pragma('busy_timeout = 0');
  const db = new Kysely<Db>({ dialect: createSqliteDialect(ours, lockWaitMs) });
  after(async () => {
    other.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { db, other };
}

/** Counts the event loop's turns while `work` runs: a call that sleeps inside SQLite counts none. */
async function loopTurnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  const ticker = setInterval(() => turns++, 2);
  try {
    await work;
  } finally {
    clearInterval(ticker);
  }
  return turns;
}

describe('waiting for another connection’s SQLite write lock', () => {
  it('a transaction waits on a timer while the lock is held, then commits once it is free', async () => {
    const { db, other } = openPair(10_000);
    other.exec('begin immediate');
    other.prepare("insert into notes (text) values ('theirs')").run();
    const ours = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ text: 'ours' }).execute();
    });
    setTimeout(() => other.exec('commit'), 120);
    const turns = await loopTurnsDuring(ours);
    assert.ok(turns >= 10, `the event loop turned ${turns} times during a 120 ms wait`);
    const { rows } = await sql<{ text: string }>`select text from notes order by id`.execute(db);
    assert.deepEqual(rows.map((r) => r.text), ['theirs', 'ours']);
  });

  it('a statement outside a transaction waits the same way', async () => {
    const { db, other } = openPair(10_000);
    other.exec('begin immediate');
    const write = db.insertInto('notes').values({ text: 'autocommit' }).execute();
    setTimeout(() => other.exec('commit'), 60);
    const turns = await loopTurnsDuring(write);
    assert.ok(turns >= 5, `the event loop turned ${turns} times during a 60 ms wait`);
    assert.equal((await db.selectFrom('notes').select('text').executeTakeFirstOrThrow()).text, 'autocommit');
  });

  it('past the wait limit the statement fails with SQLITE_BUSY and has written nothing', async () => {
    const { db, other } = openPair(80);
    other.exec('begin immediate');
    const started = Date.now();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ text: 'too late' }).execute();
      }),
      (err: { code?: string }) => err.code === 'SQLITE_BUSY',
    );
    assert.ok(Date.now() - started >= 80, 'it waited the limit out');
    other.exec('rollback');
    assert.equal((await db.selectFrom('notes').select('text').execute()).length, 0);
  });
});
