/**
 * Opens the store: embedded SQLite in the data directory by default, PostgreSQL when a
 * `DATABASE_URL` is given. Everything engine-specific lives in this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, type DatabaseIntrospector, type Transaction } from 'kysely';
import pg from 'pg';
import { flushPath } from '../disk/flush-to-disk.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { CurrentSchemaIntrospector } from './postgres-introspector.js';
import { preparingPool } from './postgres-prepared.js';
import { createSqliteDialect } from './sqlite-dialect.js';

export type Engine = 'sqlite' | 'postgres';

export interface StoreDatabase {
  db: Kysely<Database>;
  engine: Engine;
  /**
   * Inside a transaction, waits until no other transaction holds `key`, and holds it until this one
   * ends (keyed-transaction.ts).
   */
  holdKey(trx: Transaction<Database>, key: string): Promise<void>;
  /**
   * Resolves once every transaction committed so far would survive a crash of the machine, not
   * only of the process: called before the world is told something the store must not forget
   * (the mailbox's mark, a mail sent). On SQLite a COMMIT is not flushed (`synchronous = NORMAL`),
   * so this flushes the write-ahead log; on PostgreSQL the server flushed it at COMMIT.
   */
  flushCommits(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; unset means SQLite at `<dataDir>/inbox.sqlite`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves in one each). */
  pgSchema?: string;
  /**
   * How long a worker starting while PostgreSQL cannot be reached (restarting, not yet up beside
   * it) keeps trying before it gives up. @defaultValue 60 s
   */
  unreachableForMs?: number;
  /** Told before each new try while the server cannot be reached. */
  onUnreachable?: (err: unknown, nextTryInMs: number) => void;
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

/**
 * Opens the store and brings its schema to the latest migration. A PostgreSQL server that cannot
 * be reached yet is tried again, with a growing pause, for `unreachableForMs`: a worker started
 * by its supervisor in the seconds the server restarts would otherwise exit, and be restarted, and
 * exit. Anything else (a refused login, a missing database, a failed migration) fails at once.
 * Each migration runs in its own transaction on PostgreSQL, so one cut half-way is tried whole.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<StoreDatabase> {
  const giveUpAt = Date.now() + (opts.unreachableForMs ?? 60_000);
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(LONGEST_RETRY_MS, pause * 2)) {
    const store = opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.pgSchema) : openSqlite(opts.dataDir);
    try {
      await migrateToLatest(store);
      return store;
    } catch (err) {
      await store.close().catch(() => undefined);
      if (store.engine !== 'postgres' || !serverUnreachable(err) || Date.now() + pause > giveUpAt) throw err;
      opts.onUnreachable?.(err, pause);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Error codes of a socket that could not reach the server or was cut (Node's, and the DNS's while a container starts). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/** SQLSTATEs of a server shutting down or starting up: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Whether `err` (or what it wraps) says the server was not there, rather than that it said no. */
export function serverUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
    // node-postgres's error for a connection the server closed carries no code.
    if (typeof message === 'string' && /^Connection terminated/.test(message)) return true;
  }
  return false;
}

function openSqlite(dataDir: string): StoreDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'inbox.sqlite');
  const sqlite = new SQLite(file);
  // WAL lets several processes of one machine read while one writes. Until the pragmas are set
  // a busy file is waited for by SQLite itself (better-sqlite3's default timeout); from then on
  // a writer that finds the lock taken waits on a timer, in the dialect, so that the process's
  // other jobs go on meanwhile (transactions begin IMMEDIATE so that the wait happens at BEGIN,
  // where it can: see sqlite-dialect.ts).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // NORMAL: a COMMIT appends to the write-ahead log without waiting for the disk, which a worker
  // commits to several times per mail. A crash of the process loses nothing; a crash of the
  // machine may lose the last commits, so what must outlive one is flushed first (flushCommits).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 0');
  const db = new Kysely<Database>({ dialect: createSqliteDialect(sqlite) });
  // A transaction holds the file's one write lock from BEGIN IMMEDIATE on: it holds every key already.
  // The log holds every commit not yet copied into the file; a checkpoint flushes both itself.
  const flushCommits = () => flushPath(`${file}-wal`, { missingOk: true });
  return { db, engine: 'sqlite', holdKey: async () => undefined, flushCommits, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string | undefined): StoreDatabase {
  // int8 (bigint) comes back as a string by default; our figures (sizes, UIDs) fit a JS number.
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: types as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A server restart ends every connection, and node-postgres reports each as an 'error' event —
  // on the pool for an idle client, on the client itself for one checked out (inside a
  // transaction): unheard, either kills the process. The broken client is dropped, the next
  // query connects anew, and the query that failed meanwhile is retried by its job.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    // COMMIT returns once the server has flushed its log, whatever the server's or the URL's
    // settings (a URL's `options` would replace any given here): the worker's guarantees stand
    // on it (flushCommits). Sent first, so it runs before any query given this client; a
    // connection too broken to take it fails the query that follows.
    client.query('SET synchronous_commit = on').catch(() => undefined);
  });
  const db = new Kysely<Database>({ dialect: new StorePostgresDialect({ pool: preparingPool(pool) }) });
  // A transaction-level advisory lock on the key's 64-bit hash, freed at COMMIT or ROLLBACK; two
  // keys whose hashes clash only wait for each other.
  const holdKey = async (trx: Transaction<Database>, key: string) => void (await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx));
  // synchronous_commit is on for these connections (above): each COMMIT was flushed already.
  return { db, engine: 'postgres', holdKey, flushCommits: async () => undefined, close: () => db.destroy() };
}

/** PostgreSQL as Kysely speaks it, introspecting the store's own schema only (postgres-introspector.ts). */
class StorePostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

async function migrateToLatest(store: StoreDatabase): Promise<void> {
  const { db } = store;
  // Kysely looks for its migration tables in every schema unless told which one: a database that
  // holds another copy of the store (a second campaign, a test) would make it skip creating them.
  const migrationTableSchema = store.engine === 'postgres' ? await currentSchema(db) : undefined;
  const migrator = new Migrator({ db, provider: migrationProvider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}
