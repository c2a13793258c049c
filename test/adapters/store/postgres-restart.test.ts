/**
 * PostgreSQL restarted under a running worker (found by the soak, seed 5 with two processes on
 * PostgreSQL: docs/reliability.md). node-postgres reports every connection the restart ended as an
 * 'error' event, on the pool for an idle client and on the client for one inside a transaction;
 * unheard, either killed the process. Now the transaction fails (its job retries) and the next
 * query connects anew. A private cluster: the machine's shared PostgreSQL is never restarted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../../../src/adapters/store/store.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../harness/private-postgres.js';

describe('the store when PostgreSQL restarts', () => {
  let pg: PrivatePostgres;
  let store: Store;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-restart-'));

  before(async () => {
    pg = await startPrivatePostgres();
    store = await openStore({ databaseUrl: pg.url, dataDir });
  });
  after(async () => {
    await store?.close();
    await pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an idle connection and one inside a transaction are cut → the transaction fails, the process lives, the next query works', async () => {
    const unexpected: unknown[] = [];
    const onUncaught = (err: unknown) => unexpected.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      await Promise.all([1, 2].map(() => store.db.selectFrom('messages').select('id').execute()));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inside!: () => void;
      const entered = new Promise<void>((r) => (inside = r));
      const inTransaction = store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('messages').select('id').execute();
        inside();
        await held;
        await trx.selectFrom('messages').select('id').execute();
      });
      // Its outcome is awaited from now on: should it fail early, the rejection is this test's, not the process's.
      const outcome = inTransaction.then(() => 'committed', (err: unknown) => err);
      // The restart cuts a transaction that is open, not one still beginning on a loaded machine.
      await Promise.race([entered, outcome]);
      await pg.restart();
      await new Promise((r) => setTimeout(r, 300));
      release();
      assert.ok((await outcome) instanceof Error, 'the transaction cut by the restart fails');
      let rows: unknown[] | null = null;
      for (let attempt = 0; rows === null && attempt < 20; attempt++) {
        rows = await store.db.selectFrom('messages').select('id').execute().catch(() => null);
        if (rows === null) await new Promise((r) => setTimeout(r, 250));
      }
      assert.deepEqual(rows, []);
      assert.deepEqual(unexpected, [], 'no connection error escaped to the process');
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
