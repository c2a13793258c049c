/**
 * The writes of one judgement inside its transaction (submission-repo.ts `recordJudgement`):
 * the submission row locked, the version numbered as it is inserted, its problems and rows, the
 * current version.
 * They run for every mail, so each statement is compiled once per database (compiled-query.ts)
 * and the problems and rows go in multi-row INSERTs.
 */
import { sql, type Kysely } from 'kysely';
import { mergeReportParts, missingReportParts } from '../../domain/recognition/index.js';
import { submissionReference } from '../../domain/submissions/submission-reference.js';
import { statusFromCounts } from '../../domain/submissions/submission-status.js';
import { replacesCurrent, storedContent } from '../../domain/submissions/current-version.js';
import type { DeliverableVerdict, SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import { reportPartsCodec, rowValuesCodec, versionDetailCodec, type VersionDetail } from './codecs.js';
import { compiledInsert, compiledQuery, type Executor } from './compiled-query.js';
import type { Database, SubmissionVersionTable } from './schema.js';
import { submissionIdOf } from './submission-ids.js';

export type { VersionDetail } from './codecs.js';

export function versionDetail(j: SubmissionJudgement, v: DeliverableVerdict): VersionDetail {
  return {
    unitBy: j.unitBy,
    held: j.held,
    candidates: j.candidates,
    files: j.files,
    reportParts: v.reportParts,
    missingParts: v.missingParts,
    notReported: v.notReported,
    sources: v.sources,
    content: v.content,
  };
}

/** What `promoteIfLatest` left in the submission row: the current version and the parts so far. */
export interface PromotedSubmission {
  currentVersionId: string | null;
  reportPartsJson: string | null;
}

/** A version as the judgement gives it; its number is the store's to take. */
export type NewVersion = Omit<SubmissionVersionTable, 'version'>;

/** A submission row locked by `lockSubmission`, with what it held when locked. */
export interface LockedSubmission {
  id: string;
  currentVersionId: string | null;
  reportPartsJson: string | null;
}

export function createVersionWrites(db: Kysely<Database>) {
  // The write that locks the row reads it too (RETURNING: SQLite 3.35+, PostgreSQL): what the promotion starts from.
  // Only the row itself: on PostgreSQL a statement that waited for the lock returns the row as the
  // holder left it, but any other table it reads (a subquery) as it was before the wait, without
  // the version the holder made current. So the current version is read by a statement of its own
  // (`versionReceived`), after the lock (test/adapters/store/submission-lock.test.ts).
  const touchSubmission = compiledQuery(db, (q, p: { id: string; at: string }) =>
    q.updateTable('submissions').set({ updated_at: p.at }).where('id', '=', p.id).returning(['current_version_id', 'report_parts_json']),
  );
  const submissionByReference = compiledQuery(db, (q, p: { reference: string }) => q.selectFrom('submissions').select('id').where('reference', '=', p.reference));
  const insertSubmission = compiledQuery(db, (q, p: { id: string; unit: string; deliverable: string; reference: string; at: string }) =>
    q
      .insertInto('submissions')
      .values({ id: p.id, unit: p.unit, deliverable: p.deliverable, reference: p.reference, current_version_id: null, report_parts_json: null, created_at: p.at, updated_at: p.at })
      // Another transaction may have inserted it first: then this touches the row that stands, and locks it.
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })))
      .returning(['current_version_id', 'report_parts_json']),
  );
  const versionColumns = (p: NewVersion) => ({
    id: p.id,
    message_id: p.message_id,
    deliverable: p.deliverable,
    submission_id: p.submission_id,
    unit: p.unit,
    status: p.status,
    late: p.late,
    received_at: p.received_at,
    detail_json: p.detail_json,
    error_count: p.error_count,
    warning_count: p.warning_count,
    activity_count: p.activity_count,
    judged_at: p.judged_at,
  });
  // A version of no submission (no unit, or held) has no number.
  const insertUnnumberedVersion = compiledQuery(db, (q, p: NewVersion) => q.insertInto('submission_versions').values({ ...versionColumns(p), version: null }));
  // The next number is read in the INSERT itself, one round trip instead of two. The statement
  // runs after `lockSubmission` took the row's lock, so its snapshot (PostgreSQL takes one per
  // statement) already holds the versions of whoever had the lock before.
  const insertNumberedVersion = compiledQuery(db, (q, p: NewVersion & { submission_id: string }) =>
    q.insertInto('submission_versions').values({
      ...versionColumns(p),
      version: q
        .selectFrom('submission_versions')
        .select(sql<number>`coalesce(max(version), 0) + 1`.as('next'))
        .where('submission_id', '=', p.submission_id),
    }),
  );
  const insertProblems = compiledInsert(db, 'problems', ['version_id', 'ordinal', 'code', 'severity', 'form', 'sheet', 'cell', 'column_name', 'value', 'message']);
  const insertRows = compiledInsert(db, 'activity_rows', ['version_id', 'form', 'row_number', 'values_json'], ['version_id', 'form', 'row_number']);
  const versionReceived = compiledQuery(db, (q, p: { id: string }) => q.selectFrom('submission_versions').select(['received_at', 'detail_json']).where('id', '=', p.id));
  const setSubmissionState = compiledQuery(db, (q, p: { id: string; currentVersionId: string | null; reportPartsJson: string | null; at: string }) =>
    q.updateTable('submissions').set({ current_version_id: p.currentVersionId, report_parts_json: p.reportPartsJson, updated_at: p.at }).where('id', '=', p.id),
  );
  const versionById = compiledQuery(db, (q, p: { id: string }) => q.selectFrom('submission_versions').selectAll().where('id', '=', p.id));
  const setVersionStatus = compiledQuery(db, (q, p: { id: string; status: SubmissionVersionTable['status']; detailJson: string }) =>
    q.updateTable('submission_versions').set({ status: p.status, detail_json: p.detailJson }).where('id', '=', p.id),
  );

  return {
    /**
     * Creates the unit's submission for a deliverable if needed and locks its row until the
     * transaction ends: an UPDATE takes PostgreSQL's row lock (a second transaction waits at it, then
     * sees the first one's versions); on SQLite the transaction already holds the write lock
     * (BEGIN IMMEDIATE, src/adapters/store/sqlite-dialect.ts). Returns the row as locked: nothing
     * else writes it before the transaction ends.
     */
    async lockSubmission(trx: Executor, unit: string, deliverable: string, at: string): Promise<LockedSubmission> {
      const id = submissionIdOf(unit, deliverable);
      const locked = (row: { current_version_id: string | null; report_parts_json: string | null }): LockedSubmission => ({ id, currentVersionId: row.current_version_id, reportPartsJson: row.report_parts_json });
      const existing = await touchSubmission.first(trx, { id, at });
      if (existing) return locked(existing);
      // 30 bits of reference: on the rare clash with another submission, take the next digits of the id.
      let reference = submissionReference(id);
      for (let offset = 8; await submissionByReference.first(trx, { reference }); offset += 8) {
        reference = submissionReference(id.slice(offset));
      }
      const created = await insertSubmission.first(trx, { id, unit, deliverable, reference, at });
      if (!created) throw new Error(`submission ${id} was neither inserted nor found`);
      return locked(created);
    },

    /**
     * Inserts a version; one of a submission (locked by `lockSubmission` in this transaction)
     * takes the submission's next number: 1, 2, 3…
     */
    async insertVersion(trx: Executor, version: NewVersion): Promise<void> {
      const submissionId = version.submission_id;
      if (submissionId === null) await insertUnnumberedVersion.run(trx, version);
      else await insertNumberedVersion.run(trx, { ...version, submission_id: submissionId });
    },

    async writeProblemsAndRows(trx: Executor, versionId: string, v: DeliverableVerdict): Promise<void> {
      await insertProblems.insert(
        trx,
        v.problems.map((p, ordinal) => ({ version_id: versionId, ordinal, code: p.code, severity: p.severity, form: p.form, sheet: p.sheet, cell: p.cell, column_name: p.column, value: p.value, message: p.message })),
      );
      await insertRows.insert(
        trx,
        v.forms.flatMap((form) => form.rows.map((row) => ({ version_id: versionId, form: form.formId, row_number: row.rowNumber, values_json: rowValuesCodec.encode(row.values) }))),
      );
    },

    /**
     * The latest mail becomes current only when it brings the form (or a report part) or the current
     * one has nothing either (domain/submissions/current-version.ts); the parts accumulate regardless.
     * The row is locked (`lockSubmission`), so what it held when locked is what it holds now, and
     * what is written back unchanged is what was read.
     */
    async promoteIfLatest(trx: Executor, sub: LockedSubmission, versionId: string, receivedAt: string, verdict: Pick<DeliverableVerdict, 'reportParts' | 'content'>, at: string): Promise<PromotedSubmission> {
      const parts = verdict.reportParts;
      const current = sub.currentVersionId ? await versionReceived.first(trx, { id: sub.currentVersionId }) : undefined;
      const currentContent = current ? storedContent(versionDetailCodec.decode(current.detail_json)) : null;
      const latest = (!current || current.received_at <= receivedAt) && replacesCurrent(verdict.content, currentContent);
      const promoted: PromotedSubmission = {
        currentVersionId: latest ? versionId : sub.currentVersionId,
        // Parts accumulate whatever the order the mails are judged in.
        reportPartsJson: parts ? reportPartsCodec.encode(mergeReportParts(sub.reportPartsJson ? reportPartsCodec.decode(sub.reportPartsJson) : null, parts)) : sub.reportPartsJson,
      };
      await setSubmissionState.run(trx, { id: sub.id, ...promoted, at });
      return promoted;
    },

    /**
     * Report parts accumulate across mails that may be judged in any order (an import, two workers):
     * the current version's "incomplete" is recomputed from all the parts received so far.
     */
    async refreshCurrentReportStatus(trx: Executor, submission: PromotedSubmission): Promise<void> {
      if (!submission.currentVersionId || !submission.reportPartsJson) return;
      const current = await versionById.first(trx, { id: submission.currentVersionId });
      if (!current || (current.status !== 'incomplete' && current.status !== 'accepted' && current.status !== 'accepted_with_warnings')) return;
      const parts = reportPartsCodec.decode(submission.reportPartsJson);
      const missing = missingReportParts(parts);
      // These statuses mean no error; only the missing parts and the warnings decide between them.
      const status = statusFromCounts({ errors: 0, warnings: Number(current.warning_count), missingParts: missing.length });
      if (status === current.status) return;
      const detail = { ...versionDetailCodec.decode(current.detail_json), reportParts: parts, missingParts: missing };
      await setVersionStatus.run(trx, { id: current.id, status, detailJson: versionDetailCodec.encode(detail) });
    },
  };
}

export type VersionWrites = ReturnType<typeof createVersionWrites>;
