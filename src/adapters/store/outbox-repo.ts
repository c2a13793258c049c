/**
 * The outbox: every mail the worker sends is written here before it is sent, under a unique
 * (purpose, subject) key — so a reply per mail, a reminder per unit and day, a digest per day can
 * never be sent twice, however many processes or retries there are.
 */
import type { Kysely } from 'kysely';
import { attachmentDigestsCodec } from './codecs.js';
import { compiledQuery, type Executor } from './compiled-query.js';
import type { Database, OutboxChannel, OutboxTable } from './schema.js';

export type OutboxRow = Omit<OutboxTable, 'attempts' | 'channel' | 'sending_at'> & { attempts: number; channel: OutboxChannel; sending_at: string | null };
/** A row to claim; `channel` is `smtp` unless said otherwise (src/adapters/smtp/deliver-once.ts). */
export type NewOutboxRow = Omit<OutboxTable, 'attempts' | 'last_error' | 'sent_at' | 'channel' | 'sending_at'> & { channel?: OutboxChannel };

export function createOutboxRepo(db: Kysely<Database>) {
  // The statements of every reply, compiled once (compiled-query.ts).
  const byKey = compiledQuery(db, (q, p: { purpose: OutboxTable['purpose']; subjectKey: string }) => q.selectFrom('outbox').selectAll().where('purpose', '=', p.purpose).where('subject_key', '=', p.subjectKey));
  const insertRow = compiledQuery(db, (q, p: OutboxRow) =>
    q
      .insertInto('outbox')
      .values({ id: p.id, purpose: p.purpose, subject_key: p.subject_key, message_id: p.message_id, recipient: p.recipient, kind: p.kind, title: p.title, status: p.status, channel: p.channel, reason: p.reason, raw_sha256: p.raw_sha256, submission_id: p.submission_id, version_ids_json: p.version_ids_json, created_at: p.created_at, attempts: p.attempts, last_error: p.last_error, sent_at: p.sent_at, sending_at: p.sending_at, attachment_sha256_json: p.attachment_sha256_json })
      .onConflict((oc) => oc.columns(['purpose', 'subject_key']).doNothing()),
  );
  const setSent = compiledQuery(db, (q, p: { id: string; at: string }) => q.updateTable('outbox').set({ status: 'sent', sent_at: p.at, last_error: null }).where('id', '=', p.id));
  const committedSince = compiledQuery(db, (q, p: { recipient: string; since: string }) =>
    q
      .selectFrom('outbox')
      .select(['created_at', 'purpose', 'subject_key'])
      .where('recipient', '=', p.recipient)
      // An uncertain send may have reached the unit, and its copy waits in Drafts to be sent.
      .where('status', 'in', ['sent', 'pending', 'sending', 'uncertain', 'drafting', 'drafted'])
      .where('created_at', '>=', p.since),
  );
  const suppressed = compiledQuery(db, (q, p: { address: string }) => q.selectFrom('suppressions').select('address').where('address', '=', p.address));
  const find = (purpose: OutboxTable['purpose'], subjectKey: string, executor: Executor = db) => byKey.first(executor, { purpose, subjectKey }) as Promise<OutboxRow | undefined>;
  /** Writes the row unless one stands for its purpose and subject; the row written is the row that stands, else it is read back. */
  const insertOrFind = async (row: OutboxRow, executor: Executor): Promise<{ row: OutboxRow; inserted: boolean }> => {
    if ((await insertRow.run(executor, row)) > 0) return { row, inserted: true };
    const stored = await find(row.purpose, row.subject_key, executor);
    if (!stored) throw new Error(`outbox row ${row.purpose}/${row.subject_key} vanished`);
    return { row: stored, inserted: false };
  };

  return {
    find,

    /**
     * Writes the row unless one exists for the same purpose and subject; returns the row that stands.
     * Inside `executor` when given (a caller's transaction).
     */
    async claim(row: NewOutboxRow, executor: Executor = db): Promise<OutboxRow> {
      return (await insertOrFind({ ...row, channel: row.channel ?? 'smtp', attempts: 0, last_error: null, sent_at: null, sending_at: null }, executor)).row;
    },

    /**
     * Claims a `pending` mail with its first attempt already taken (`sending` at `at`, or `drafting`
     * for a draft), so that claim and attempt commit together in the caller's transaction, before
     * anything is sent, and no second write is needed to take it. `taken` is false when a row stood
     * already: it is returned as it stands, for deliver-once to judge like any other.
     */
    async claimTaken(row: NewOutboxRow, at: string, executor: Executor = db): Promise<{ row: OutboxRow; taken: boolean }> {
      if (row.status !== 'pending') throw new Error(`outbox row ${row.id}: only a mail to send is taken, not one ${row.status}`);
      const channel = row.channel ?? 'smtp';
      const attempt: OutboxRow = { ...row, channel, status: channel === 'draft' ? 'drafting' : 'sending', attempts: 1, last_error: null, sent_at: null, sending_at: channel === 'draft' ? null : at };
      const { row: stands, inserted } = await insertOrFind(attempt, executor);
      return { row: stands, taken: inserted };
    },

    get(id: string) {
      return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst() as Promise<OutboxRow | undefined>;
    },
    /**
     * Takes a `pending` row into an SMTP attempt; false when it is no longer `pending` (another
     * attempt took it, or it was settled meanwhile). One conditional write, so two attempts on
     * the same row never both send.
     */
    async markSending(id: string, at: string): Promise<boolean> {
      const res = await db
        .updateTable('outbox')
        .set((eb) => ({ status: 'sending', sending_at: at, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** SMTP answered that it did not take the mail (a transient failure): the next attempt sends it again. */
    async markRetryable(id: string, error: string): Promise<void> {
      await db.updateTable('outbox').set({ status: 'pending', last_error: error }).where('id', '=', id).where('status', '=', 'sending').execute();
    },
    /**
     * The attempt died without an outcome and no copy is in Sent: never sent again by the worker
     * (src/adapters/smtp/deliver-once.ts). False when the row is no longer `sending`.
     */
    async markUncertain(id: string, reason: string): Promise<boolean> {
      const res = await db.updateTable('outbox').set({ status: 'uncertain', reason }).where('id', '=', id).where('status', '=', 'sending').executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async markSent(id: string, at: string): Promise<void> {
      await setSent.run(db, { id, at });
    },
    async markDrafting(id: string): Promise<void> {
      await db.updateTable('outbox').set((eb) => ({ status: 'drafting', attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
    },
    /** `sent_at` of a draft is when it was written into Drafts. */
    async markDrafted(id: string, at: string): Promise<void> {
      await db.updateTable('outbox').set({ status: 'drafted', sent_at: at, last_error: null }).where('id', '=', id).execute();
    },
    /** The Message-IDs of every draft written, for the digest's count of those still waiting in Drafts. */
    async draftedMessageIds(): Promise<string[]> {
      const rows = await db.selectFrom('outbox').select('message_id').where('channel', '=', 'draft').where('status', '=', 'drafted').execute();
      return rows.map((r) => r.message_id);
    },
    async markFailed(id: string, error: string): Promise<void> {
      await db.updateTable('outbox').set({ status: 'failed', last_error: error }).where('id', '=', id).execute();
    },
    async recordError(id: string, error: string): Promise<void> {
      await db.updateTable('outbox').set({ last_error: error }).where('id', '=', id).execute();
    },

    /**
     * When mail to this address was committed to since a moment — sent, or claimed and on its way —
     * for the per-recipient rate limit. Counting claims too keeps two replies decided at the same
     * moment from both slipping under the limit. A draft counts as mail committed to: the
     * coordinator is expected to send it.
     *
     * `committedAt`: those moments. `answered`: the mails (their store ids) whose replies are among
     * them. One read, inside `executor` when given (the reply decision reads them in its transaction).
     */
    async commitmentsTo(recipient: string, sinceIso: string, executor: Executor = db): Promise<{ committedAt: string[]; answered: string[] }> {
      const rows = await committedSince.rows(executor, { recipient, since: sinceIso });
      return { committedAt: committedAt(rows), answered: answered(rows) };
    },

    /** Whether any of these Message-IDs (without brackets) is a mail the worker wrote. */
    async wroteAnyOf(messageIds: readonly string[]): Promise<boolean> {
      if (messageIds.length === 0) return false;
      const row = await db.selectFrom('outbox').select('id').where('message_id', 'in', messageIds.slice(0, 500)).executeTakeFirst();
      return row !== undefined;
    },

    /**
     * The mails the worker sent or drafted to this address, newest first: each one's raw mail
     * (blob SHA-256) and the SHA-256 of the files attached to it — null for a row written before
     * migration 009, whose files only a parse of the raw mail tells. One read.
     */
    async mailsTo(address: string, limit: number): Promise<{ rawSha256: string; attachmentSha256: string[] | null }[]> {
      const rows = await db
        .selectFrom('outbox')
        .select(['raw_sha256', 'attachment_sha256_json'])
        .where('recipient', '=', address.trim().toLowerCase())
        .where('raw_sha256', 'is not', null)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.flatMap((r) =>
        r.raw_sha256 ? [{ rawSha256: r.raw_sha256, attachmentSha256: r.attachment_sha256_json === null ? null : attachmentDigestsCodec.decode(r.attachment_sha256_json) }] : [],
      );
    },

    /** Whether the worker has written to this address for the call (a reply or a reminder, sent or drafted). */
    async wroteTo(address: string): Promise<boolean> {
      const row = await db
        .selectFrom('outbox')
        .select('id')
        .where('recipient', '=', address.trim().toLowerCase())
        .where('purpose', 'in', ['reply', 'reminder'])
        .where('status', 'in', ['sent', 'sending', 'uncertain', 'drafting', 'drafted'])
        .executeTakeFirst();
      return row !== undefined;
    },

    async suppress(address: string, reason: string, sourceMessageId: string | null, at: string): Promise<void> {
      await db
        .insertInto('suppressions')
        .values({ address: address.toLowerCase(), reason, source_message_id: sourceMessageId, created_at: at })
        .onConflict((oc) => oc.column('address').doNothing())
        .execute();
    },
    async isSuppressed(address: string): Promise<boolean> {
      return Boolean(await suppressed.first(db, { address: address.toLowerCase() }));
    },
    suppressions() {
      return db.selectFrom('suppressions').selectAll().orderBy('created_at').execute();
    },
    /**
     * The latest alert mail of one kind (rows of purpose `alert` whose `kind` is the alert kind;
     * a recovery mail is `kind = 'recovered'` keyed `<alert key>.recovered`), and whether a
     * recovery followed it or it was withdrawn unsent.
     */
    async latestAlert(kind: string): Promise<{ row: OutboxRow; closed: boolean } | null> {
      const row = (await db.selectFrom('outbox').selectAll().where('purpose', '=', 'alert').where('kind', '=', kind).orderBy('created_at', 'desc').limit(1).executeTakeFirst()) as OutboxRow | undefined;
      if (!row) return null;
      const recovery = await find('alert', `${row.subject_key}.recovered`);
      return { row, closed: Boolean(recovery) || row.status === 'refused' };
    },
    /** An alert whose condition cleared before it could be sent is not sent afterwards. */
    async withdraw(id: string, reason: string): Promise<void> {
      await db.updateTable('outbox').set({ status: 'refused', reason }).where('id', '=', id).where('status', 'in', ['pending', 'sending']).execute();
    },
    /** Alert mails not yet through (SMTP down, or the process stopped mid-way), oldest first. */
    unsentAlerts() {
      return db.selectFrom('outbox').selectAll().where('purpose', '=', 'alert').where('status', 'in', ['pending', 'sending']).orderBy('created_at').execute() as Promise<OutboxRow[]>;
    },
    list(purpose?: OutboxTable['purpose']) {
      let q = db.selectFrom('outbox').selectAll().orderBy('created_at');
      if (purpose) q = q.where('purpose', '=', purpose);
      return q.execute();
    },
  };
}

type Commitment = Pick<OutboxTable, 'created_at' | 'purpose' | 'subject_key'>;
const committedAt = (rows: readonly Commitment[]) => rows.map((r) => r.created_at);
// The same rows as the rate limit counts (a draft counts: in draft mode the coordinator would send
// both; so does an uncertain send).
const answered = (rows: readonly Commitment[]) => rows.filter((r) => r.purpose === 'reply').map((r) => r.subject_key);

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
