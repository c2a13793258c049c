/**
 * Both engines for store tests: SQLite in a temp dir, and PostgreSQL in a fresh schema of the
 * running server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/adapters/store/store.js';

export const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore {
  store: Store;
  dataDir: string;
  /** Options that open the same store again (as a restarted process would). */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export const engines = ['sqlite', 'postgres'] as const;

export async function openTestStore(engine: (typeof engines)[number], now?: () => Date): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-store-'));
  if (engine === 'sqlite') {
    const opts = { dataDir };
    const store = await openStore(opts, now);
    return {
      store,
      dataDir,
      reopen: () => openStore(opts, now),
      dispose: async () => {
        await store.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withPgClient((c) => c.query(`CREATE SCHEMA ${schema}`));
  const opts = { dataDir, databaseUrl: pgUrl, pgSchema: schema };
  const store = await openStore(opts, now);
  return {
    store,
    dataDir,
    reopen: () => openStore(opts, now),
    dispose: async () => {
      await store.close();
      await withPgClient((c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withPgClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL schema for a worker process: its DATABASE_URL (search_path set) and its removal. */
export async function createTestSchema(): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withPgClient((c) => c.query(`CREATE SCHEMA ${schema}`));
  return {
    databaseUrl: `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => void (await withPgClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  };
}
