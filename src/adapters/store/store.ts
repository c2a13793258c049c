/** The store as the rest of the app sees it: one database, its repositories, one close. */
import { openDatabase, type DatabaseOptions, type StoreDatabase } from './database.js';
import { createFiguresRepo } from './figures-repo.js';
import { createIncidentRepo } from './incident-repo.js';
import { createKeyedTransactions } from './keyed-transaction.js';
import { createLearnedAddressRepo } from './learned-address-repo.js';
import { createMailboxStateRepo } from './mailbox-state-repo.js';
import { createMessageRepo } from './message-repo.js';
import { createOutboxRepo } from './outbox-repo.js';
import { createSubmissionRepo } from './submission-repo.js';

export async function openStore(opts: DatabaseOptions, now: () => Date = () => new Date()) {
  const database: StoreDatabase = await openDatabase(opts);
  return {
    db: database.db,
    engine: database.engine,
    messages: createMessageRepo(database.db),
    mailboxState: createMailboxStateRepo(database.db, now),
    incidents: createIncidentRepo(database.db),
    submissions: createSubmissionRepo(database.db),
    outbox: createOutboxRepo(database.db),
    figures: createFiguresRepo(database.db),
    learnedAddresses: createLearnedAddressRepo(database.db),
    /** One transaction per key at a time, across processes (keyed-transaction.ts). */
    keyedTransactions: createKeyedTransactions(database),
    /** Waits until every commit so far would survive a crash of the machine (database.ts). */
    flushCommits: () => database.flushCommits(),
    close: () => database.close(),
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
