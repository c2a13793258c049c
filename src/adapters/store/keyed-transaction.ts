/**
 * A transaction in which no other transaction of the same key runs, across every process that
 * shares the store: the place where one decision per key at a time is written (the reply to one
 * recipient, which a rate limit counts). It needs no lock server besides the database:
 *
 * - SQLite: every transaction begins `IMMEDIATE` (sqlite-dialect.ts), so it holds the file's one
 *   write lock from `BEGIN` to `COMMIT`; its first read sees every transaction committed before.
 * - PostgreSQL: an advisory lock on the key, held until the transaction ends (database.ts); under
 *   READ COMMITTED each statement after it sees what the previous holder committed.
 */
import type { Transaction } from 'kysely';
import type { StoreDatabase } from './database.js';
import type { Database } from './schema.js';

/** A transaction of the store, which repository methods take where they accept one. */
export type StoreTransaction = Transaction<Database>;

export interface KeyedTransactions {
  run<T>(key: string, work: (trx: StoreTransaction) => Promise<T>): Promise<T>;
}

export function createKeyedTransactions(database: Pick<StoreDatabase, 'db' | 'holdKey'>): KeyedTransactions {
  return {
    run(key, work) {
      return database.db.transaction().execute(async (trx) => {
        await database.holdKey(trx, key);
        return work(trx);
      });
    },
  };
}
