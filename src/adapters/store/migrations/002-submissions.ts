/**
 * Submissions: one per unit and deliverable, each with numbered versions (one per mail that
 * carried the deliverable); each version keeps its problems and the activity rows read from it.
 * A version that could not be tied to a unit (held for the coordinator) has no submission yet.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull())
    /** Short reference quoted in replies' subjects, e.g. R-7K3F9Q. */
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('current_version_id', 'text')
    /** JSON: report parts received so far across the unit's mails. */
    .addColumn('report_parts_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('submissions_unit_deliverable', ['unit', 'deliverable'])
    .execute();

  await db.schema
    .createTable('submission_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('deliverable', 'text', (c) => c.notNull())
    .addColumn('submission_id', 'text', (c) => c.references('submissions.id'))
    .addColumn('unit', 'text')
    .addColumn('version', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    /** JSON: why it is held, how the unit was recognised, files and their roles, report parts of this mail. */
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('activity_count', 'integer', (c) => c.notNull())
    .addColumn('judged_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('versions_message_deliverable', ['message_id', 'deliverable'])
    .addUniqueConstraint('versions_submission_number', ['submission_id', 'version'])
    .execute();
  await db.schema.createIndex('versions_status').on('submission_versions').column('status').execute();

  await db.schema
    .createTable('problems')
    .addColumn('version_id', 'text', (c) => c.notNull().references('submission_versions.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('form', 'text')
    .addColumn('sheet', 'text')
    .addColumn('cell', 'text')
    .addColumn('column_name', 'text')
    .addColumn('value', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problems_pk', ['version_id', 'ordinal'])
    .execute();

  await db.schema
    .createTable('activity_rows')
    .addColumn('version_id', 'text', (c) => c.notNull().references('submission_versions.id'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_rows_pk', ['version_id', 'form', 'row_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['activity_rows', 'problems', 'submission_versions', 'submissions']) await db.schema.dropTable(t).execute();
}
