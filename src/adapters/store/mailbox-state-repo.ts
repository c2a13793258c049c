/** Where the watcher is in each mailbox: UIDVALIDITY, the last UID taken, how its rounds go. */
import type { Kysely } from 'kysely';
import type { MailboxState, RoundOutcome } from '../imap/types.js';
import { compiledQuery } from './compiled-query.js';
import type { Database } from './schema.js';

/** SQLite allows 32,766 bound values per statement (999 before 3.32); stay far below. */
const IN_CHUNK = 500;

export function createMailboxStateRepo(db: Kysely<Database>, now: () => Date = () => new Date()) {
  // The statements of every message taken, compiled once (compiled-query.ts).
  type Saved = { mailbox: string; uidValidity: string; lastUid: number; at: string };
  const upsert = compiledQuery(db, (q, p: Saved) =>
    q
      .insertInto('mailbox_state')
      .values({ mailbox: p.mailbox, uid_validity: p.uidValidity, last_uid: p.lastUid, updated_at: p.at, last_round_at: null, last_success_at: null, last_error: null, tracking: null, left_alone: null })
      .onConflict((oc) => oc.column('mailbox').doUpdateSet({ uid_validity: p.uidValidity, last_uid: p.lastUid, updated_at: p.at })),
  );
  const insertTaken = compiledQuery(db, (q, p: { mailbox: string; uidValidity: string; uid: number; at: string }) =>
    q
      .insertInto('taken_uids')
      .values({ mailbox: p.mailbox, uid_validity: p.uidValidity, uid: p.uid, taken_at: p.at })
      .onConflict((oc) => oc.columns(['mailbox', 'uid_validity', 'uid']).doNothing()),
  );
  // The watcher's contract (src/adapters/imap/types.ts), kept in the database.
  return {
    async load(mailbox: string): Promise<MailboxState | null> {
      const row = await db.selectFrom('mailbox_state').selectAll().where('mailbox', '=', mailbox).executeTakeFirst();
      return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null;
    },

    async save(mailbox: string, state: MailboxState): Promise<void> {
      await upsert.run(db, { mailbox, uidValidity: state.uidValidity, lastUid: state.lastUid, at: now().toISOString() });
    },

    async recordRound(mailbox: string, outcome: RoundOutcome): Promise<void> {
      const seen = { ...(outcome.tracking ? { tracking: outcome.tracking } : {}), ...(outcome.leftAlone === undefined ? {} : { left_alone: outcome.leftAlone }) };
      const set = outcome.ok
        ? { last_round_at: outcome.at, last_success_at: outcome.at, last_error: null, ...seen }
        : { last_round_at: outcome.at, last_error: outcome.error ?? 'unknown error' };
      await db.updateTable('mailbox_state').set(set).where('mailbox', '=', mailbox).execute();
    },

    async takenAmong(mailbox: string, uidValidity: string, uids: readonly number[]): Promise<Set<number>> {
      const taken = new Set<number>();
      for (let i = 0; i < uids.length; i += IN_CHUNK) {
        const rows = await db
          .selectFrom('taken_uids')
          .select('uid')
          .where('mailbox', '=', mailbox)
          .where('uid_validity', '=', uidValidity)
          .where('uid', 'in', uids.slice(i, i + IN_CHUNK))
          .execute();
        for (const r of rows) taken.add(Number(r.uid));
      }
      return taken;
    },

    async recordTaken(mailbox: string, uidValidity: string, uid: number): Promise<void> {
      await insertTaken.run(db, { mailbox, uidValidity, uid, at: now().toISOString() });
    },

    all() {
      return db.selectFrom('mailbox_state').selectAll().execute();
    },
  };
}

export type MailboxStateRepo = ReturnType<typeof createMailboxStateRepo>;
