/**
 * An interrupted send is never repeated by the worker (docs/reliability.md, "The send window").
 * A row left `sending` by an attempt that died without an outcome becomes `uncertain` — the
 * status column is free text, so that needs no schema change — and `sending_at` says when the
 * current attempt began: a row found `sending` whose attempt is younger than the lease may still
 * be in a live process's hands (a requeue after a Redis loss, a job taken as stalled), so the
 * retry waits for it instead of declaring the send uncertain.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('sending_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('sending_at').execute();
}
