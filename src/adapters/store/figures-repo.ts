/**
 * The store's figures for /metrics and /readyz: counts and times read from the database, so every
 * process reports the same, whichever of them took the mail.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export function createFiguresRepo(db: Kysely<Database>) {
  const tally = <K extends string>(rows: { n: number | string }[], key: (r: never) => K): { key: K; count: number }[] =>
    rows.map((r) => ({ key: key(r as never), count: Number(r.n) }));

  return {
    /** Answers when the database does (the readiness check). */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
    /** Submissions per deliverable and the status of their current version. */
    async submissions(): Promise<{ deliverable: string; status: string; count: number }[]> {
      const rows = await db
        .selectFrom('submissions as s')
        .innerJoin('submission_versions as v', 'v.id', 's.current_version_id')
        .select(['s.deliverable', 'v.status', db.fn.countAll<number>().as('n')])
        .groupBy(['s.deliverable', 'v.status'])
        .execute();
      return rows.map((r) => ({ deliverable: r.deliverable, status: r.status, count: Number(r.n) }));
    },
    /** Outbox rows of one purpose per status (a reply is written once and never removed). */
    async outbox(purpose: 'reply' | 'alert'): Promise<{ key: string; count: number }[]> {
      const rows = await db.selectFrom('outbox').select(['status', db.fn.countAll<number>().as('n')]).where('purpose', '=', purpose).groupBy('status').execute();
      return tally(rows, (r: { status: string }) => r.status);
    },
    /** The latest good intake round over every watched folder (ISO-8601), or null if none yet. */
    async lastGoodRound(): Promise<string | null> {
      const row = await db.selectFrom('mailbox_state').select(({ fn }) => fn.max('last_success_at').as('at')).executeTakeFirst();
      return (row?.at as string | null | undefined) ?? null;
    },
    /** When the latest digest went out (ISO-8601), or null. */
    async lastDigestSent(): Promise<string | null> {
      const row = await db.selectFrom('outbox').select(({ fn }) => fn.max('sent_at').as('at')).where('purpose', '=', 'digest').where('status', '=', 'sent').executeTakeFirst();
      return (row?.at as string | null | undefined) ?? null;
    },
  };
}

export type FiguresRepo = ReturnType<typeof createFiguresRepo>;
