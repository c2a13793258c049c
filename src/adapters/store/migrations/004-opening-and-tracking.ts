/**
 * The worker as a guest in a personal mailbox: how taken messages are tracked (keyword, or UIDs
 * kept here when the server has no keywords), how many old messages were left alone, and the
 * UIDs taken where the mailbox cannot be marked.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mailbox_state').addColumn('tracking', 'text').execute();
  await db.schema.alterTable('mailbox_state').addColumn('left_alone', 'bigint').execute();

  await db.schema
    .createTable('taken_uids')
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('uid', 'bigint', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('taken_uids_pk', ['mailbox', 'uid_validity', 'uid'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('taken_uids').execute();
  await db.schema.alterTable('mailbox_state').dropColumn('left_alone').execute();
  await db.schema.alterTable('mailbox_state').dropColumn('tracking').execute();
}
