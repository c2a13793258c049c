/**
 * Sender addresses learned from the coordinator's decisions: when she assigns a held mail to a
 * unit, its sender's address belongs to that unit from then on. Kept here, not written back into
 * config/units.yaml, which stays hers to edit.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('learned_addresses')
    /** Lower-case e-mail address. */
    .addColumn('address', 'text', (c) => c.primaryKey())
    /** The unit's registry name. */
    .addColumn('unit', 'text', (c) => c.notNull())
    /** The held mail (our messages.id) whose assignment taught it. */
    .addColumn('source_message_id', 'text', (c) => c.notNull())
    /** The coordinator's decision mail (our messages.id). */
    .addColumn('decision_message_id', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learned_addresses_learned_at').on('learned_addresses').column('learned_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('learned_addresses').execute();
}
