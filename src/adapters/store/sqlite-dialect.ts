/**
 * Kysely's SQLite dialect, adjusted for a worker that runs in several processes on one file and
 * runs the same few statements for every mail:
 *
 * - Transactions begin `IMMEDIATE`: the write lock is taken at `BEGIN`, where `busy_timeout`
 *   waits for it. A plain (deferred) `BEGIN` takes it at the first write, and if another process
 *   committed in between, SQLite answers `database is locked` at once, whatever the timeout.
 * - A statement that finds the write lock taken by another process (`SQLITE_BUSY`) is tried
 *   again after a pause on a timer, not in SQLite's own busy handler: that one sleeps inside the
 *   call, and better-sqlite3's calls run on the event loop, so every job of the process (a
 *   download, a send, a reading) would stop while this one waits (docs/architecture.md, "Several
 *   processes on one SQLite file"). A statement refused with `SQLITE_BUSY` has changed nothing.
 * - Prepared statements are kept by their SQL text (Kysely prepares every statement again, a
 *   visible share of the CPU per mail). The cache is bounded: `in (?, ?, …)` lists make new texts.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** Distinct statement texts kept prepared; the worker uses well under a hundred. */
const MAX_CACHED_STATEMENTS = 500;

/** How long a statement waits for another process's write lock before it fails (its job is retried). */
export const LOCK_WAIT_MS = 10_000;
/** The pauses between tries double from the first to the longest (each with jitter, so that two waiting processes part). */
const FIRST_PAUSE_MS = 1;
const LONGEST_PAUSE_MS = 25;
/** The lock is another connection's (better-sqlite3 reports SQLite's extended codes). */
const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY']);

export function createSqliteDialect(sqlite: BetterSqlite3.Database, lockWaitMs = LOCK_WAIT_MS): SqliteDialect {
  const database = cachingDatabase(sqlite);
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new ImmediateSqliteDriver({ database }, lockWaitMs);
    }
  })({ database });
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #waiting = new WeakMap<DatabaseConnection, DatabaseConnection>();
  constructor(config: ConstructorParameters<typeof SqliteDriver>[0], private readonly lockWaitMs: number) {
    super(config);
  }

  /** Kysely's one connection, behind one that waits for the write lock on a timer. */
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    let waiting = this.#waiting.get(connection);
    if (!waiting) {
      waiting = waitingForTheLock(connection, this.lockWaitMs);
      this.#waiting.set(connection, waiting);
    }
    return waiting;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function waitingForTheLock(connection: DatabaseConnection, lockWaitMs: number): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const deadline = Date.now() + lockWaitMs;
      for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(2 * pause, LONGEST_PAUSE_MS)) {
        try {
          return await connection.executeQuery<R>(query);
        } catch (err) {
          if (!BUSY.has((err as { code?: string }).code ?? '') || Date.now() >= deadline) throw err;
          await sleep(pause * (0.5 + Math.random()));
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
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
