/**
 * Incidents: things the coordinator must hear about through the digest that are not a
 * submission — an intake stall, a job that kept failing, a hard bounce. One open incident per
 * kind and subject; a repeat raises its count instead of adding a row.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { compiledQuery, type Executor } from './compiled-query.js';
import type { Database } from './schema.js';

export type IncidentKind = 'intake_stall' | 'login_failed' | 'job_failed' | 'unreadable_message' | 'hard_bounce' | 'rate_limited' | 'reply_refused' | 'reply_suppressed' | 'send_failed' | 'send_uncertain' | 'suspected_forgery' | 'file_refused' | 'unit_question';

export function createIncidentRepo(db: Kysely<Database>) {
  // Asked by every reply (the rate-limit notice), compiled once (compiled-query.ts).
  const openOne = compiledQuery(db, (q, p: { kind: IncidentKind; subject: string }) =>
    q.selectFrom('incidents').selectAll().where('kind', '=', p.kind).where('subject', '=', p.subject).where('resolved_at', 'is', null),
  );
  return {
    /** Opens the incident or counts a repeat; inside `trx` when given (a caller's transaction), else in its own. */
    async record(kind: IncidentKind, subject: string, detail: string, at: string, trx?: Kysely<Database>): Promise<void> {
      const write = async (trx: Kysely<Database>) => {
        const open = await trx
          .selectFrom('incidents')
          .select(['id', 'count'])
          .where('kind', '=', kind)
          .where('subject', '=', subject)
          .where('resolved_at', 'is', null)
          .executeTakeFirst();
        if (open) {
          await trx.updateTable('incidents').set({ detail, updated_at: at, count: Number(open.count) + 1 }).where('id', '=', open.id).execute();
        } else {
          await trx.insertInto('incidents').values({ id: randomUUID(), kind, subject, detail, created_at: at, updated_at: at, resolved_at: null }).execute();
        }
      };
      await (trx ? write(trx) : db.transaction().execute(write));
    },

    async resolve(kind: IncidentKind, subject: string, at: string): Promise<void> {
      await db.updateTable('incidents').set({ resolved_at: at }).where('kind', '=', kind).where('subject', '=', subject).where('resolved_at', 'is', null).execute();
    },

    openOne(kind: IncidentKind, subject: string, executor: Executor = db) {
      return openOne.first(executor, { kind, subject });
    },

    open() {
      return db.selectFrom('incidents').selectAll().where('resolved_at', 'is', null).orderBy('created_at').execute();
    },
  };
}

export type IncidentRepo = ReturnType<typeof createIncidentRepo>;
