/**
 * Kysely's SQLite dialect, adjusted for a worker that runs in several processes on one file and
 * runs the same few statements for every mail:
 *
 * - Transactions begin `IMMEDIATE`: the write lock is taken at `BEGIN`, where `busy_timeout`
 *   waits for it. A plain (deferred) `BEGIN` takes it at the first write, and if another process
 *   committed in between, SQLite answers `database is locked` at once, whatever the timeout.
 * - Prepared statements are kept by their SQL text (Kysely prepares every statement again, a
 *   visible share of the CPU per mail). The cache is bounded: `in (?, ?, …)` lists make new texts.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** Distinct statement texts kept prepared; the worker uses well under a hundred. */
const MAX_CACHED_STATEMENTS = 500;

export function createSqliteDialect(sqlite: BetterSqlite3.Database): SqliteDialect {
  const database = cachingDatabase(sqlite);
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new ImmediateSqliteDriver({ database });
    }
  })({ database });
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** better-sqlite3 behind Kysely's interface, with a least-recently-used cache of statements. */
export function cachingDatabase(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sqlText: string): SqliteStatement {
      const hit = cache.get(sqlText);
      if (hit) {
        // Re-insert to mark it recently used (a Map iterates in insertion order).
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sqlText) as unknown as SqliteStatement;
      cache.set(sqlText, stmt);
      if (cache.size > MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}
