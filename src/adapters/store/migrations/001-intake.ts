/** Intake: mailbox state, stored messages, their attachments, incidents for the digest. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mailbox_state')
    .addColumn('mailbox', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull())
    .addColumn('last_round_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('mailbox', 'text')
    .addColumn('uid_validity', 'text')
    .addColumn('uid', 'bigint')
    .addColumn('internal_date', 'text')
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('kind_reason', 'text')
    .addColumn('message_id', 'text')
    .addColumn('from_address', 'text')
    .addColumn('from_name', 'text')
    .addColumn('subject', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('in_reply_to', 'text')
    .addColumn('parsed_json', 'text')
    .addColumn('ingest_error', 'text')
    .addColumn('ingested_at', 'text')
    .execute();
  await db.schema.createIndex('messages_state').on('messages').column('state').execute();
  await db.schema.createIndex('messages_message_id').on('messages').column('message_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('declared_type', 'text', (c) => c.notNull())
    .addColumn('sniffed_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('nested_in', 'text')
    .addPrimaryKeyConstraint('attachments_pk', ['message_id', 'part'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('incidents_open').on('incidents').columns(['kind', 'resolved_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['incidents', 'attachments', 'messages', 'mailbox_state']) await db.schema.dropTable(t).execute();
}
