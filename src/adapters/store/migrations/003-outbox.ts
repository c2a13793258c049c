/**
 * Mail the worker sends: the outbox (one row per reply, reminder or digest, written before the
 * send), addresses suppressed after a hard bounce, coordinator decisions on held mail, and the
 * log of digests and reminders that keeps each to once a day.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** `reply`, `reminder`, `digest`, `notice`. */
    .addColumn('purpose', 'text', (c) => c.notNull())
    /** What it answers or reports on: a message id (reply), `unit/deliverable/due/day` (reminder), a day (digest). */
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    /** `pending` → `sending` → `sent`; or `refused` (policy), `failed` (permanent SMTP error). */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('raw_sha256', 'text')
    .addColumn('submission_id', 'text')
    .addColumn('version_ids_json', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('outbox_purpose_subject', ['purpose', 'subject_key'])
    .execute();
  await db.schema.createIndex('outbox_recipient_sent').on('outbox').columns(['recipient', 'sent_at']).execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coordinator_decisions')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    /** The held mail the decision is about (our messages.id). */
    .addColumn('target_message_id', 'text', (c) => c.notNull())
    /** `assign` (a unit named) or `accept` (accepted despite its problems). */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('authenticated', 'integer', (c) => c.notNull())
    .addColumn('auth_detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_target').on('coordinator_decisions').column('target_message_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['coordinator_decisions', 'suppressions', 'outbox']) await db.schema.dropTable(t).execute();
}
