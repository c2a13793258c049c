/**
 * Replies written as drafts (`replies.mode: draft`, docs/coordinator-guide.md): an outbox row
 * records how it leaves — `smtp` (sent by the worker) or `draft` (appended to the mailbox's Drafts
 * for the coordinator) — fixed when the row is claimed, so changing the mode later never sends a
 * reply that was written as a draft.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('channel', 'text', (c) => c.notNull().defaultTo('smtp')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('channel').execute();
}
