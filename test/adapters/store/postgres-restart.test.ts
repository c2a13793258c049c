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
import { serverUnreachable } from '../../../src/adapters/store/database.js';
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

/**
 * A worker started while PostgreSQL is not there yet (found by the soak, seed 20261217: a worker
 * restarted after a kill met the server restarting, its migration failed with "Connection
 * terminated unexpectedly", and the process exited). Now it waits for the server, a while.
 */
describe('opening the store while PostgreSQL cannot be reached', () => {
  let pg: PrivatePostgres;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-down-'));

  before(async () => {
    pg = await startPrivatePostgres();
  });
  after(async () => {
    await pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the server comes up while the worker starts → it waits, says so, then migrates and works', async () => {
    await pg.down();
    const waits: string[] = [];
    const opening = openStore({ databaseUrl: pg.url, dataDir, onUnreachable: (err) => waits.push(err instanceof Error ? err.message : String(err)) });
    // Its outcome is awaited from now on, so that an early failure is this test's.
    const outcome = opening.then((store): Store | Error => store, (err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    let settled = false;
    void outcome.then(() => (settled = true));
    while (waits.length < 2 && !settled) await new Promise((r) => setTimeout(r, 100));
    assert.equal(settled, false, 'it was still waiting for the server');
    await pg.up();
    const store = await outcome;
    if (store instanceof Error) assert.fail(`the store opened once the server was up: ${store.message}`);
    try {
      assert.deepEqual(await store.db.selectFrom('messages').select('id').execute(), [], 'the schema is there');
      assert.ok(waits.every((m) => /ECONNREFUSED|connect|terminated|starting up|shutting down/i.test(m)), waits.join('; '));
    } finally {
      await store.close();
    }
  });

  it('a server that answers "no" (a database that does not exist) fails at once, without waiting', async () => {
    const waits: unknown[] = [];
    await assert.rejects(openStore({ databaseUrl: pg.url.replace(/\/postgres$/, '/no_such_database'), dataDir, onUnreachable: (err) => waits.push(err) }), /no_such_database/);
    assert.deepEqual(waits, []);
  });

  it('a server that stays away is given up on after the time allowed, with the reason', async () => {
    await pg.down();
    try {
      const waits: unknown[] = [];
      await assert.rejects(openStore({ databaseUrl: pg.url, dataDir, unreachableForMs: 1_000, onUnreachable: (err) => waits.push(err) }), /ECONNREFUSED|connect/);
      assert.ok(waits.length >= 1, 'it tried again before giving up');
    } finally {
      await pg.up();
    }
  });
});

describe('what counts as a server not there (serverUnreachable)', () => {
  it('a refused or cut connection, a server starting or shutting down — also wrapped in a migration error; never a server that said no', () => {
    const cut = new Error('Connection terminated unexpectedly');
    for (const err of [{ code: 'ECONNREFUSED' }, { code: '57P03' }, { code: '08006' }, cut, new Error('database migration 001 failed: Connection terminated unexpectedly', { cause: cut })]) {
      assert.equal(serverUnreachable(err), true, JSON.stringify(err));
    }
    for (const err of [{ code: '28P01' }, { code: '3D000' }, { code: 'SQLITE_BUSY' }, new Error('syntax error at or near "x"'), null]) {
      assert.equal(serverUnreachable(err), false, JSON.stringify(err));
    }
  });
});
