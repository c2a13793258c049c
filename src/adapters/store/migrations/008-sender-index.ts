/**
 * The lookups by sender — which files this address sent before (ingest, docs/trust.md "No loops")
 * and whether its mail was placed with a unit (relevance) — run for incoming mail and filtered
 * `messages` by `from_address` with a scan of the whole table. The index leads with the address
 * and carries the message key the lookups join on and exclude, so the table itself is not read.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('messages_from_address').on('messages').columns(['from_address', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_from_address').execute();
}
