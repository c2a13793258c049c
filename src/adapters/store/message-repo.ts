/**
 * Stored messages and their attachments. The unique `dedupe_key` is the real guard against
 * storing a message twice, whatever the queue or the watcher did.
 */
import type { Kysely } from 'kysely';
import type { AttachmentInfo, Classification, MessageKind, ParsedMessage } from '../../domain/mail/message.js';
import { arrivalTime } from '../../domain/mail/mail-dates.js';
import { ingestedMessageCodec } from './codecs.js';
import { compiledInsert, compiledQuery } from './compiled-query.js';
import type { Database, MessageTable } from './schema.js';

export interface NewStoredMessage {
  id: string;
  dedupeKey: string;
  rawSha256: string;
  size: number;
  source: 'imap' | 'import';
  mailbox: string | null;
  uidValidity: string | null;
  uid: number | null;
  internalDate: string | null;
  storedAt: string;
}

export type StoredMessage = MessageTable;

/** A message ingest has read: its row with what ingest found, decoded once. */
export type IngestedMessage = StoredMessage & { parsed: ParsedMessage; verdict: Classification };

/** The row with its `parsed_json` decoded; null while the message is not ingested. */
export function asIngested(row: StoredMessage): IngestedMessage | null {
  return row.parsed_json ? { ...row, ...ingestedMessageCodec.decode(row.parsed_json) } : null;
}

/** The columns ingest fills in (`recordIngested`). */
type IngestedColumns = Pick<MessageTable, 'kind' | 'kind_reason' | 'message_id' | 'from_address' | 'from_name' | 'subject' | 'sent_at' | 'received_at' | 'in_reply_to' | 'parsed_json' | 'ingested_at'>;

export interface MessageCounts {
  stored: number;
  byState: Record<string, number>;
  byKind: Record<string, number>;
}

export function createMessageRepo(db: Kysely<Database>) {
  // The statements every mail runs, compiled once (compiled-query.ts).
  const insertStored = compiledQuery(db, (q, p: NewStoredMessage) =>
    q
      .insertInto('messages')
      .values({
        id: p.id,
        dedupe_key: p.dedupeKey,
        raw_sha256: p.rawSha256,
        size: p.size,
        source: p.source,
        mailbox: p.mailbox,
        uid_validity: p.uidValidity,
        uid: p.uid,
        internal_date: p.internalDate,
        stored_at: p.storedAt,
        state: 'stored',
        kind: null,
        kind_reason: null,
        message_id: null,
        from_address: null,
        from_name: null,
        subject: null,
        sent_at: null,
        received_at: null,
        in_reply_to: null,
        parsed_json: null,
        ingest_error: null,
        ingested_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing()),
  );
  const byId = compiledQuery(db, (q, p: { id: string }) => q.selectFrom('messages').selectAll().where('id', '=', p.id));
  const insertAttachments = compiledInsert(db, 'attachments', ['message_id', 'part', 'filename', 'declared_type', 'sniffed_type', 'size', 'sha256', 'nested_in'], ['message_id', 'part']);
  const markIngested = compiledQuery(db, (q, p: IngestedColumns & { id: string }) =>
    q
      .updateTable('messages')
      .set({
        state: 'ingested',
        kind: p.kind,
        kind_reason: p.kind_reason,
        message_id: p.message_id,
        from_address: p.from_address,
        from_name: p.from_name,
        subject: p.subject,
        sent_at: p.sent_at,
        received_at: p.received_at,
        in_reply_to: p.in_reply_to,
        parsed_json: p.parsed_json,
        ingest_error: null,
        ingested_at: p.ingested_at,
      })
      .where('id', '=', p.id),
  );

  return {
    /** Inserts the message unless one with the same dedupe key exists; says which happened. */
    async recordStored(m: NewStoredMessage): Promise<{ inserted: boolean }> {
      return { inserted: (await insertStored.run(db, m)) > 0 };
    },

    get(id: string): Promise<StoredMessage | undefined> {
      return byId.first(db, { id });
    },

    /** The message with what ingest read of it; undefined when unknown or not ingested. */
    async getIngested(id: string): Promise<IngestedMessage | undefined> {
      const row = await byId.first(db, { id });
      return (row && asIngested(row)) ?? undefined;
    },

    /** Which of these files (SHA-256) this sender already sent in another mail (docs/trust.md, "No loops"). */
    async filesSentBefore(fromAddress: string, exceptId: string, shas: readonly string[]): Promise<Set<string>> {
      if (shas.length === 0 || !fromAddress) return new Set();
      const rows = await db
        .selectFrom('attachments')
        .innerJoin('messages', 'messages.id', 'attachments.message_id')
        .select('attachments.sha256')
        .where('messages.from_address', '=', fromAddress.toLowerCase())
        .where('messages.id', '<>', exceptId)
        .where('attachments.sha256', 'in', shas.slice(0, 500))
        .distinct()
        .execute();
      return new Set(rows.map((r) => r.sha256));
    },

    /** Stored messages whose Message-ID header is this one (the mail a reply answers). */
    byMessageIdHeader(messageIdHeader: string) {
      return db.selectFrom('messages').selectAll().where('message_id', '=', messageIdHeader).execute();
    },

    /** Records what ingest found, in one transaction. Running it twice for one message leaves the same rows. */
    async recordIngested(id: string, parsed: ParsedMessage, verdict: Classification, at: string): Promise<void> {
      const set: IngestedColumns = {
        kind: verdict.kind,
        kind_reason: verdict.reason,
        message_id: parsed.messageId,
        from_address: parsed.from.address,
        from_name: parsed.from.name,
        subject: parsed.subject,
        sent_at: parsed.sentAt,
        received_at: arrivalTime(parsed),
        in_reply_to: parsed.inReplyTo,
        parsed_json: ingestedMessageCodec.encode({ parsed, verdict }),
        ingested_at: at,
      };
      const attachments = parsed.attachments.map((a) => attachmentRow(id, a));
      // Most of the mailbox's mail has no attachment: then the mark is the one write, no transaction is opened for it.
      if (attachments.length === 0) {
        await markIngested.run(db, { ...set, id });
        return;
      }
      await db.transaction().execute(async (trx) => {
        await insertAttachments.insert(trx, attachments);
        await markIngested.run(trx, { ...set, id });
      });
    },

    /** A message that is not mail at all: kept, shown to the coordinator, never answered. */
    async recordUnreadable(id: string, reason: string, at: string): Promise<void> {
      await db
        .updateTable('messages')
        .set({ state: 'ingested', kind: 'unreadable', kind_reason: reason, ingest_error: reason, ingested_at: at })
        .where('id', '=', id)
        .execute();
    },

    /** A kind decided after classification (`before_opening`): the message is kept, never judged. */
    async recordKind(id: string, kind: MessageKind, reason: string): Promise<void> {
      await db.updateTable('messages').set({ kind, kind_reason: reason }).where('id', '=', id).execute();
    },

    /**
     * Mail with nothing to do with the call: only what stops it being taken twice stays (the
     * dedupe key, where it was in the mailbox, its dates and size). Who sent it, its subject, its
     * parsed content and its attachment rows go. Returns the blobs it used, for the caller to
     * remove when nothing else uses them.
     */
    async recordUnrelated(id: string, reason: string): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('messages').select('raw_sha256').where('id', '=', id).executeTakeFirst();
        if (!row) return [];
        const files = await trx.selectFrom('attachments').select('sha256').where('message_id', '=', id).execute();
        await trx.deleteFrom('attachments').where('message_id', '=', id).execute();
        await trx
          .updateTable('messages')
          .set({ kind: 'unrelated', kind_reason: reason, message_id: null, from_address: null, from_name: null, subject: null, in_reply_to: null, parsed_json: null })
          .where('id', '=', id)
          .execute();
        return [...new Set([row.raw_sha256, ...files.map((f) => f.sha256)])];
      });
    },

    /** Of these blobs, those still used by a kept message, an attachment or the outbox. */
    async blobsInUse(shas: readonly string[]): Promise<Set<string>> {
      if (shas.length === 0) return new Set();
      const [raws, files, sent] = await Promise.all([
        db.selectFrom('messages').select('raw_sha256 as sha').where('raw_sha256', 'in', shas).where((eb) => eb.or([eb('kind', 'is', null), eb('kind', '!=', 'unrelated')])).execute(),
        db.selectFrom('attachments').select('sha256 as sha').where('sha256', 'in', shas).execute(),
        db.selectFrom('outbox').select('raw_sha256 as sha').where('raw_sha256', 'in', shas).execute(),
      ]);
      return new Set([...raws, ...files, ...sent].map((r) => r.sha).filter((s): s is string => s !== null));
    },

    async recordFailed(id: string, error: string): Promise<void> {
      await db.updateTable('messages').set({ state: 'failed', ingest_error: error }).where('id', '=', id).execute();
    },

    async idsInState(state: MessageTable['state'], limit = 10_000): Promise<string[]> {
      const rows = await db.selectFrom('messages').select('id').where('state', '=', state).orderBy('stored_at').limit(limit).execute();
      return rows.map((r) => r.id);
    },

    attachments(id: string) {
      return db.selectFrom('attachments').selectAll().where('message_id', '=', id).orderBy('part').execute();
    },

    async counts(): Promise<MessageCounts> {
      const byState = await db.selectFrom('messages').select(['state', db.fn.countAll<number>().as('n')]).groupBy('state').execute();
      const byKind = await db
        .selectFrom('messages')
        .select(['kind', db.fn.countAll<number>().as('n')])
        .where('kind', 'is not', null)
        .groupBy('kind')
        .execute();
      const tally = (rows: { n: number | string }[], key: (r: never) => string) =>
        Object.fromEntries(rows.map((r) => [key(r as never), Number(r.n)]));
      const states = tally(byState, (r: { state: string }) => r.state);
      return {
        stored: Object.values(states).reduce((a, b) => a + b, 0),
        byState: states,
        byKind: tally(byKind, (r: { kind: string }) => r.kind),
      };
    },
  };
}

export type MessageRepo = ReturnType<typeof createMessageRepo>;

function attachmentRow(messageId: string, a: AttachmentInfo) {
  return {
    message_id: messageId,
    part: a.part,
    filename: a.filename,
    declared_type: a.declaredType,
    sniffed_type: a.sniffedType,
    size: a.size,
    sha256: a.sha256,
    nested_in: a.nestedIn,
  };
}
