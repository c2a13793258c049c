/**
 * Read queries for the coordinator's digest and the merged workbook: what stands now (the
 * current version of each unit's submissions, held mail, open incidents), what changed since a
 * moment, and which digests and reminders went out. Plain portable Kysely: text ids, JSON as
 * text, ISO-8601 UTC times compared as text (docs/architecture.md, "Portable storage").
 */
import type { Kysely } from 'kysely';
import type { OutboxRow } from './outbox-repo.js';
import type { Database, VersionStatus } from './schema.js';

export interface CurrentVersionRow {
  submissionId: string;
  unit: string;
  deliverable: string;
  versionId: string;
  version: number;
  status: VersionStatus;
  late: boolean;
  receivedAt: string;
  errorCount: number;
  warningCount: number;
  detailJson: string;
}

export interface HeldVersionRow {
  versionId: string;
  messageId: string;
  deliverable: string;
  receivedAt: string;
  detailJson: string;
  subject: string | null;
  fromAddress: string | null;
}

export interface JudgedVersionRow {
  submissionId: string;
  unit: string;
  deliverable: string;
  version: number;
  status: VersionStatus;
  receivedAt: string;
  judgedAt: string;
}

export interface CurrentRowsRow {
  unit: string;
  deliverable: string;
  version: number;
  status: VersionStatus;
  receivedAt: string;
  form: string;
  rowNumber: number;
  valuesJson: string;
}

/** The outbox's `kind` of a digest sent by the schedule (one a day) or asked for on demand. */
export type DigestKind = 'daily' | 'on_demand';

export function createDigestRepo(db: Kysely<Database>) {
  return {
    /** The current version of every submission (one per unit and deliverable). */
    async currentVersions(): Promise<CurrentVersionRow[]> {
      const rows = await db
        .selectFrom('submissions as s')
        .innerJoin('submission_versions as v', 'v.id', 's.current_version_id')
        .select([
          's.id as submissionId',
          's.unit as unit',
          's.deliverable as deliverable',
          'v.id as versionId',
          'v.version as version',
          'v.status as status',
          'v.late as late',
          'v.received_at as receivedAt',
          'v.error_count as errorCount',
          'v.warning_count as warningCount',
          'v.detail_json as detailJson',
        ])
        .orderBy('s.unit')
        .orderBy('s.deliverable')
        .execute();
      return rows.map((r) => ({ ...r, version: Number(r.version ?? 1), late: Number(r.late) === 1, errorCount: Number(r.errorCount), warningCount: Number(r.warningCount) }));
    },

    /** Files left unopened (problems coded `not-opened-…`) in mails judged after a moment: items and mails. */
    async unopenedSince(sinceIso: string, codePrefix: string): Promise<{ files: number; mails: number }> {
      const rows = await db
        .selectFrom('problems as p')
        .innerJoin('submission_versions as v', 'v.id', 'p.version_id')
        .select(['v.message_id as messageId', 'p.value as value'])
        .where('p.code', 'like', `${codePrefix}%`)
        .where('v.judged_at', '>', sinceIso)
        .execute();
      // One mail with two deliverables records the same unopened file twice.
      const files = new Set(rows.map((r) => `${r.messageId}\u0000${r.value ?? ''}`));
      return { files: files.size, mails: new Set(rows.map((r) => r.messageId)).size };
    },

    /** Held versions no coordinator decision has settled yet, oldest first, with their mail's subject and sender. */
    async undecidedHeldVersions(): Promise<HeldVersionRow[]> {
      return db
        .selectFrom('submission_versions as v')
        .innerJoin('messages as m', 'm.id', 'v.message_id')
        .select(['v.id as versionId', 'v.message_id as messageId', 'v.deliverable as deliverable', 'v.received_at as receivedAt', 'v.detail_json as detailJson', 'm.subject as subject', 'm.from_address as fromAddress'])
        .where('v.status', '=', 'held')
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('coordinator_decisions as d').select('d.message_id').whereRef('d.target_message_id', '=', 'v.message_id'))))
        .orderBy('v.received_at')
        .orderBy('v.id')
        .execute();
    },

    /** Incidents not resolved yet, oldest first. */
    openIncidents() {
      return db.selectFrom('incidents').selectAll().where('resolved_at', 'is', null).orderBy('created_at').orderBy('id').execute();
    },

    /** Versions of units' submissions judged after `sinceIso`, with the status of the version before each. */
    async judgedSince(sinceIso: string): Promise<(JudgedVersionRow & { previousStatus: VersionStatus | null })[]> {
      const rows = await db
        .selectFrom('submission_versions as v')
        .innerJoin('submissions as s', 's.id', 'v.submission_id')
        .leftJoin('submission_versions as p', (j) => j.onRef('p.submission_id', '=', 'v.submission_id').on((eb) => eb('p.version', '=', eb('v.version', '-', 1))))
        .select([
          's.id as submissionId',
          's.unit as unit',
          's.deliverable as deliverable',
          'v.version as version',
          'v.status as status',
          'v.received_at as receivedAt',
          'v.judged_at as judgedAt',
          'p.status as previousStatus',
        ])
        .where('v.judged_at', '>', sinceIso)
        .orderBy('v.received_at')
        .execute();
      return rows.map((r) => ({ ...r, version: Number(r.version ?? 1), previousStatus: r.previousStatus ?? null }));
    },

    /** Every activity row of the current versions, per form, in row order. */
    async rowsOfCurrentVersions(): Promise<CurrentRowsRow[]> {
      const rows = await db
        .selectFrom('submissions as s')
        .innerJoin('submission_versions as v', 'v.id', 's.current_version_id')
        .innerJoin('activity_rows as r', 'r.version_id', 'v.id')
        .select(['s.unit as unit', 's.deliverable as deliverable', 'v.version as version', 'v.status as status', 'v.received_at as receivedAt', 'r.form as form', 'r.row_number as rowNumber', 'r.values_json as valuesJson'])
        .orderBy('s.unit')
        .orderBy('r.form')
        .orderBy('r.row_number')
        .execute();
      return rows.map((r) => ({ ...r, version: Number(r.version ?? 1), rowNumber: Number(r.rowNumber) }));
    },

    /** Report parts received so far, per unit (JSON text as stored). */
    async reportPartsByUnit(): Promise<{ unit: string; json: string }[]> {
      const rows = await db.selectFrom('submissions').select(['unit', 'report_parts_json']).where('deliverable', '=', 'report').where('report_parts_json', 'is not', null).orderBy('unit').execute();
      return rows.map((r) => ({ unit: r.unit, json: r.report_parts_json ?? 'null' }));
    },

    /** Reminders claimed for a Shanghai day (sent, in flight or refused): never planned again that day. */
    async remindersOn(day: string): Promise<OutboxRow[]> {
      const rows = await db.selectFrom('outbox').selectAll().where('purpose', '=', 'reminder').where('subject_key', 'like', `%/${day}`).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
    },

    /** Mail left alone: unrelated since an instant (by when it was classified), and old mail never read. */
    async leftAlone(sinceIso: string): Promise<{ unrelated: number; beforeOpening: number }> {
      const unrelated = await db.selectFrom('messages').select(({ fn }) => fn.countAll<number>().as('n')).where('kind', '=', 'unrelated').where('ingested_at', '>=', sinceIso).executeTakeFirst();
      const old = await db.selectFrom('mailbox_state').select(({ fn }) => fn.sum<number>('left_alone').as('n')).executeTakeFirst();
      return { unrelated: Number(unrelated?.n ?? 0), beforeOpening: Number(old?.n ?? 0) };
    },

    /** When the last digest of a kind was sent, before `beforeIso`, or null. */
    async lastDigestSentAt(kind: DigestKind, beforeIso: string): Promise<string | null> {
      const row = await db
        .selectFrom('outbox')
        .select(({ fn }) => fn.max('sent_at').as('at'))
        .where('purpose', '=', 'digest')
        .where('kind', '=', kind)
        .where('status', '=', 'sent')
        .where('sent_at', '<', beforeIso)
        .executeTakeFirst();
      return row?.at ?? null;
    },

    /** The sender of the unit's most recent mail that was judged as its own (a place to write back to). */
    async latestSenderOf(unit: string): Promise<string | null> {
      const row = await db
        .selectFrom('submission_versions as v')
        .innerJoin('messages as m', 'm.id', 'v.message_id')
        .select('m.from_address as address')
        .where('v.unit', '=', unit)
        .where('m.from_address', 'is not', null)
        .orderBy('v.received_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.address ?? null;
    },
  };
}

export type DigestRepo = ReturnType<typeof createDigestRepo>;
