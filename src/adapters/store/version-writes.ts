/**
 * The writes of one judgement inside its transaction (submission-repo.ts `recordJudgement`):
 * the submission row locked, the version numbered, its problems and rows, the current version.
 */
import type { Transaction } from 'kysely';
import { mergeReportParts, missingReportParts } from '../../domain/recognition/index.js';
import { submissionReference } from '../../domain/submissions/submission-reference.js';
import { statusFromCounts } from '../../domain/submissions/submission-status.js';
import { replacesCurrent, storedContent } from '../../domain/submissions/current-version.js';
import type { DeliverableVerdict, SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import { reportPartsCodec, rowValuesCodec, versionDetailCodec, type VersionDetail } from './codecs.js';
import type { Database } from './schema.js';
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

/**
 * Creates the unit's submission for a deliverable if needed and locks its row until the
 * transaction ends: an UPDATE takes PostgreSQL's row lock (a second transaction waits at it, then
 * sees the first one's versions); on SQLite the transaction already holds the write lock
 * (BEGIN IMMEDIATE, src/adapters/store/sqlite-dialect.ts).
 */
export async function lockSubmission(trx: Transaction<Database>, unit: string, deliverable: string, at: string): Promise<string> {
  const id = submissionIdOf(unit, deliverable);
  const touch = async () => Number((await trx.updateTable('submissions').set({ updated_at: at }).where('id', '=', id).executeTakeFirst()).numUpdatedRows) > 0;
  if (await touch()) return id;
  // 30 bits of reference: on the rare clash with another submission, take the next digits of the id.
  let reference = submissionReference(id);
  for (let offset = 8; await trx.selectFrom('submissions').select('id').where('reference', '=', reference).executeTakeFirst(); offset += 8) {
    reference = submissionReference(id.slice(offset));
  }
  await trx
    .insertInto('submissions')
    .values({ id, unit, deliverable, reference, current_version_id: null, report_parts_json: null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  // Another transaction may have inserted it first: lock the row that stands.
  await touch();
  return id;
}

export async function nextVersionNumber(trx: Transaction<Database>, submissionId: string): Promise<number> {
  const row = await trx.selectFrom('submission_versions').select(({ fn }) => fn.max('version').as('v')).where('submission_id', '=', submissionId).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

/** Rows per INSERT: well inside both engines' limits on bound parameters. */
const BATCH = 200;

export async function writeProblemsAndRows(trx: Transaction<Database>, versionId: string, v: DeliverableVerdict): Promise<void> {
  const problems = v.problems.map((p, ordinal) => ({ version_id: versionId, ordinal, code: p.code, severity: p.severity, form: p.form, sheet: p.sheet, cell: p.cell, column_name: p.column, value: p.value, message: p.message }));
  for (let i = 0; i < problems.length; i += BATCH) await trx.insertInto('problems').values(problems.slice(i, i + BATCH)).execute();
  const rows = v.forms.flatMap((form) => form.rows.map((row) => ({ version_id: versionId, form: form.formId, row_number: row.rowNumber, values_json: rowValuesCodec.encode(row.values) })));
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('activity_rows')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['version_id', 'form', 'row_number']).doNothing())
      .execute();
  }
}

/**
 * The latest mail becomes current only when it brings the form (or a report part) or the current
 * one has nothing either (domain/submissions/current-version.ts); the parts accumulate regardless.
 */
export async function promoteIfLatest(trx: Transaction<Database>, submissionId: string, versionId: string, receivedAt: string, verdict: Pick<DeliverableVerdict, 'reportParts' | 'content'>, at: string): Promise<void> {
  const parts = verdict.reportParts;
  const sub = await trx.selectFrom('submissions').select(['current_version_id', 'report_parts_json']).where('id', '=', submissionId).executeTakeFirstOrThrow();
  const current = sub.current_version_id
    ? await trx.selectFrom('submission_versions').select(['received_at', 'detail_json']).where('id', '=', sub.current_version_id).executeTakeFirst()
    : undefined;
  const currentContent = current ? storedContent(versionDetailCodec.decode(current.detail_json)) : null;
  const latest = (!current || current.received_at <= receivedAt) && replacesCurrent(verdict.content, currentContent);
  await trx
    .updateTable('submissions')
    .set({
      ...(latest ? { current_version_id: versionId } : {}),
      // Parts accumulate whatever the order the mails are judged in.
      ...(parts ? { report_parts_json: reportPartsCodec.encode(mergeReportParts(sub.report_parts_json ? reportPartsCodec.decode(sub.report_parts_json) : null, parts)) } : {}),
      updated_at: at,
    })
    .where('id', '=', submissionId)
    .execute();
}

/**
 * Report parts accumulate across mails that may be judged in any order (an import, two workers):
 * the current version's "incomplete" is recomputed from all the parts received so far.
 */
export async function refreshCurrentReportStatus(trx: Transaction<Database>, submissionId: string): Promise<void> {
  const sub = await trx.selectFrom('submissions').select(['current_version_id', 'report_parts_json']).where('id', '=', submissionId).executeTakeFirst();
  if (!sub?.current_version_id || !sub.report_parts_json) return;
  const current = await trx.selectFrom('submission_versions').selectAll().where('id', '=', sub.current_version_id).executeTakeFirst();
  if (!current || (current.status !== 'incomplete' && current.status !== 'accepted' && current.status !== 'accepted_with_warnings')) return;
  const parts = reportPartsCodec.decode(sub.report_parts_json);
  const missing = missingReportParts(parts);
  // These statuses mean no error; only the missing parts and the warnings decide between them.
  const status = statusFromCounts({ errors: 0, warnings: Number(current.warning_count), missingParts: missing.length });
  if (status === current.status) return;
  const detail = { ...versionDetailCodec.decode(current.detail_json), reportParts: parts, missingParts: missing };
  await trx.updateTable('submission_versions').set({ status, detail_json: versionDetailCodec.encode(detail) }).where('id', '=', current.id).execute();
}
