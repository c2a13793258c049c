/** Where the watcher is in each mailbox: UIDVALIDITY, the last UID taken, how its rounds go. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface MailboxState {
  uidValidity: string;
  lastUid: number;
}

export interface RoundOutcome {
  ok: boolean;
  at: string;
  error?: string;
}

export function createMailboxStateRepo(db: Kysely<Database>, now: () => Date = () => new Date()) {
  return {
    async load(mailbox: string): Promise<MailboxState | null> {
      const row = await db.selectFrom('mailbox_state').selectAll().where('mailbox', '=', mailbox).executeTakeFirst();
      return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null;
    },

    async save(mailbox: string, state: MailboxState): Promise<void> {
      const at = now().toISOString();
      await db
        .insertInto('mailbox_state')
        .values({ mailbox, uid_validity: state.uidValidity, last_uid: state.lastUid, updated_at: at, last_round_at: null, last_success_at: null, last_error: null })
        .onConflict((oc) => oc.column('mailbox').doUpdateSet({ uid_validity: state.uidValidity, last_uid: state.lastUid, updated_at: at }))
        .execute();
    },

    async recordRound(mailbox: string, outcome: RoundOutcome): Promise<void> {
      const set = outcome.ok
        ? { last_round_at: outcome.at, last_success_at: outcome.at, last_error: null }
        : { last_round_at: outcome.at, last_error: outcome.error ?? 'unknown error' };
      await db.updateTable('mailbox_state').set(set).where('mailbox', '=', mailbox).execute();
    },

    all() {
      return db.selectFrom('mailbox_state').selectAll().execute();
    },
  };
}

export type MailboxStateRepo = ReturnType<typeof createMailboxStateRepo>;
