/**
 * The SHA-256 of every file attached to a mail the worker wrote, kept with its outbox row
 * (a JSON array of hex digests, text like every JSON column). Ingest asks which files were
 * already exchanged with a sender (docs/trust.md, "No loops"); it read our own raw mails to that
 * address and parsed each again — up to 40 whole parses for one reply with files. The writer has
 * the files in hand when it builds the mail, so it records their digests then. Rows written
 * before this migration stay NULL: their mail is parsed as before (src/stages/ingest/exchanged-files.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('attachment_sha256_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('attachment_sha256_json').execute();
}
