/**
 * Submissions and their versions. A version is keyed by (message, deliverable), so judging the
 * same mail twice records nothing new; version numbers count a unit's mails for one deliverable,
 * and the current version is the one that reached the mailbox last ("the latest wins").
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { FormJudgement } from '../../domain/forms/types.js';
import { mergeReportParts, missingReportParts, type ReportParts } from '../../domain/recognition/index.js';
import { submissionReference } from '../../domain/replies/submission-reference.js';
import type { DeliverableVerdict, SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import type { Database, SubmissionVersionTable } from './schema.js';

export interface RecordedVersion {
  versionId: string;
  deliverable: string;
  status: SubmissionVersionTable['status'];
  /** False when the version was already recorded (a re-run of the same job). */
  inserted: boolean;
}

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

export const versionIdOf = (messageId: string, deliverable: string) => hex(`${messageId}/${deliverable}`);
export const submissionIdOf = (unit: string, deliverable: string) => hex(`${unit}/${deliverable}`);

export function createSubmissionRepo(db: Kysely<Database>) {
  return {
    async recordJudgement(messageId: string, judgement: SubmissionJudgement, receivedAt: string, at: string): Promise<RecordedVersion[]> {
      return db.transaction().execute(async (trx) => {
        const recorded: RecordedVersion[] = [];
        for (const verdict of judgement.deliverables) {
          const versionId = versionIdOf(messageId, verdict.deliverable);
          const existing = await trx.selectFrom('submission_versions').select(['status']).where('id', '=', versionId).executeTakeFirst();
          if (existing) {
            recorded.push({ versionId, deliverable: verdict.deliverable, status: existing.status, inserted: false });
            continue;
          }
          const attached = judgement.unit && verdict.status !== 'held' && verdict.deliverable !== 'unknown';
          const submission = attached ? await ensureSubmission(trx, judgement.unit!, verdict.deliverable, at) : null;
          const version = submission ? await nextVersionNumber(trx, submission) : null;
          await trx
            .insertInto('submission_versions')
            .values({
              id: versionId,
              message_id: messageId,
              deliverable: verdict.deliverable,
              submission_id: submission,
              unit: judgement.unit,
              version,
              status: verdict.status,
              late: verdict.late ? 1 : 0,
              received_at: receivedAt,
              detail_json: JSON.stringify(versionDetail(judgement, verdict)),
              error_count: verdict.problems.filter((p) => p.severity === 'error').length,
              warning_count: verdict.problems.filter((p) => p.severity === 'warning').length,
              activity_count: verdict.activities,
              judged_at: at,
            })
            .execute();
          await writeProblemsAndRows(trx, versionId, verdict);
          if (submission) {
            await promoteIfLatest(trx, submission, versionId, receivedAt, verdict.reportParts, at);
            if (verdict.deliverable === 'report') await refreshCurrentReportStatus(trx, submission);
          }
          recorded.push({ versionId, deliverable: verdict.deliverable, status: verdict.status, inserted: true });
        }
        return recorded;
      });
    },

    /** A held mail the coordinator has decided on: its held versions give way to a new judgement. */
    async dropHeldVersions(messageId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const held = await trx.selectFrom('submission_versions').select('id').where('message_id', '=', messageId).where('status', '=', 'held').execute();
        const ids = held.map((h) => h.id);
        if (ids.length === 0) return;
        await trx.deleteFrom('problems').where('version_id', 'in', ids).execute();
        await trx.deleteFrom('activity_rows').where('version_id', 'in', ids).execute();
        await trx.deleteFrom('submission_versions').where('id', 'in', ids).execute();
      });
    },

    async recordDecision(d: { messageId: string; targetMessageId: string; action: 'assign' | 'accept'; unit: string | null; authenticated: boolean; authDetail: string; at: string }): Promise<void> {
      await db
        .insertInto('coordinator_decisions')
        .values({ message_id: d.messageId, target_message_id: d.targetMessageId, action: d.action, unit: d.unit, authenticated: d.authenticated ? 1 : 0, auth_detail: d.authDetail, created_at: d.at })
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
    },

    /** What the coordinator decided for a mail (authenticated decisions only; the latest unit wins). */
    async decisionFor(targetMessageId: string): Promise<{ unit: string | null; accept: boolean } | undefined> {
      const rows = await db.selectFrom('coordinator_decisions').selectAll().where('target_message_id', '=', targetMessageId).where('authenticated', '=', 1).orderBy('created_at').execute();
      if (rows.length === 0) return undefined;
      return { unit: rows.filter((r) => r.unit).pop()?.unit ?? null, accept: rows.some((r) => r.action === 'accept') };
    },

    /** After a rule change: the same version judged again, in place; nothing new is numbered or sent. */
    async replaceJudgement(versionId: string, verdict: DeliverableVerdict, at: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('problems').where('version_id', '=', versionId).execute();
        await trx.deleteFrom('activity_rows').where('version_id', '=', versionId).execute();
        await trx
          .updateTable('submission_versions')
          .set({
            status: verdict.status,
            late: verdict.late ? 1 : 0,
            error_count: verdict.problems.filter((p) => p.severity === 'error').length,
            warning_count: verdict.problems.filter((p) => p.severity === 'warning').length,
            activity_count: verdict.activities,
            judged_at: at,
          })
          .where('id', '=', versionId)
          .execute();
        await writeProblemsAndRows(trx, versionId, verdict);
      });
    },

    /** Report parts a unit has sent so far (for accumulating across mails). */
    async reportParts(unit: string): Promise<ReportParts | null> {
      const row = await db.selectFrom('submissions').select('report_parts_json').where('id', '=', submissionIdOf(unit, 'report')).executeTakeFirst();
      return row?.report_parts_json ? (JSON.parse(row.report_parts_json) as ReportParts) : null;
    },

    /** Rows of the unit's current recommendation form, to tell which activities the report leaves out. */
    async currentRows(unit: string, deliverable: string): Promise<FormJudgement['rows'] | null> {
      const sub = await db.selectFrom('submissions').select('current_version_id').where('id', '=', submissionIdOf(unit, deliverable)).executeTakeFirst();
      if (!sub?.current_version_id) return null;
      const rows = await db.selectFrom('activity_rows').selectAll().where('version_id', '=', sub.current_version_id).orderBy('row_number').execute();
      return rows.map((r) => ({ rowNumber: Number(r.row_number), values: JSON.parse(r.values_json) as FormJudgement['rows'][number]['values'] }));
    },

    versionsOfMessage(messageId: string) {
      return db.selectFrom('submission_versions').selectAll().where('message_id', '=', messageId).execute();
    },

    version(versionId: string) {
      return db.selectFrom('submission_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
    },

    versionNumbered(submissionId: string, version: number) {
      return db.selectFrom('submission_versions').selectAll().where('submission_id', '=', submissionId).where('version', '=', version).executeTakeFirst();
    },

    problems(versionId: string) {
      return db.selectFrom('problems').selectAll().where('version_id', '=', versionId).orderBy('ordinal').execute();
    },

    rows(versionId: string) {
      return db.selectFrom('activity_rows').selectAll().where('version_id', '=', versionId).orderBy('form').orderBy('row_number').execute();
    },

    submission(submissionId: string) {
      return db.selectFrom('submissions').selectAll().where('id', '=', submissionId).executeTakeFirst();
    },

    /** Ingested submission mail that has no recorded judgement yet (after a crash or a lost queue). */
    async unjudgedMessageIds(limit = 10_000): Promise<string[]> {
      const rows = await db
        .selectFrom('messages')
        .select('messages.id')
        .where('messages.state', '=', 'ingested')
        .where('messages.kind', '=', 'submission')
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('submission_versions').select('id').whereRef('submission_versions.message_id', '=', 'messages.id'))))
        .orderBy('messages.stored_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Judged mail with no reply decided yet: not held, and no outbox row, or one still in flight
     * (`pending`/`sending`) — after a crash or a lost queue these are answered on restart.
     */
    async unansweredMessageIds(limit = 10_000): Promise<string[]> {
      const rows = await db
        .selectFrom('submission_versions as v')
        .leftJoin('outbox as o', (j) => j.onRef('o.subject_key', '=', 'v.message_id').on('o.purpose', '=', 'reply'))
        .select('v.message_id')
        .distinct()
        .where('v.status', '!=', 'held')
        .where((eb) => eb.or([eb('o.id', 'is', null), eb('o.status', 'in', ['pending', 'sending'])]))
        .limit(limit)
        .execute();
      return rows.map((r) => r.message_id);
    },

    allVersionIdsByMessage() {
      return db.selectFrom('submission_versions').select(['id', 'message_id', 'deliverable']).orderBy('received_at').execute();
    },
  };
}

export type SubmissionRepo = ReturnType<typeof createSubmissionRepo>;

export type VersionDetail = ReturnType<typeof versionDetail>;

function versionDetail(j: SubmissionJudgement, v: DeliverableVerdict) {
  return {
    unitBy: j.unitBy,
    held: j.held,
    candidates: j.candidates,
    files: j.files,
    reportParts: v.reportParts,
    missingParts: v.missingParts,
    notReported: v.notReported,
    sources: v.sources,
  };
}

async function ensureSubmission(trx: Transaction<Database>, unit: string, deliverable: string, at: string): Promise<string> {
  const id = submissionIdOf(unit, deliverable);
  if (await trx.selectFrom('submissions').select('id').where('id', '=', id).executeTakeFirst()) return id;
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
  return id;
}

async function nextVersionNumber(trx: Transaction<Database>, submissionId: string): Promise<number> {
  const row = await trx.selectFrom('submission_versions').select(({ fn }) => fn.max('version').as('v')).where('submission_id', '=', submissionId).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

async function writeProblemsAndRows(trx: Transaction<Database>, versionId: string, v: DeliverableVerdict): Promise<void> {
  for (const [ordinal, p] of v.problems.entries()) {
    await trx
      .insertInto('problems')
      .values({ version_id: versionId, ordinal, code: p.code, severity: p.severity, form: p.form, sheet: p.sheet, cell: p.cell, column_name: p.column, value: p.value, message: p.message })
      .execute();
  }
  for (const form of v.forms) {
    for (const row of form.rows) {
      await trx
        .insertInto('activity_rows')
        .values({ version_id: versionId, form: form.formId, row_number: row.rowNumber, values_json: JSON.stringify(row.values) })
        .onConflict((oc) => oc.columns(['version_id', 'form', 'row_number']).doNothing())
        .execute();
    }
  }
}

async function promoteIfLatest(trx: Transaction<Database>, submissionId: string, versionId: string, receivedAt: string, parts: ReportParts | null, at: string): Promise<void> {
  const sub = await trx.selectFrom('submissions').select(['current_version_id', 'report_parts_json']).where('id', '=', submissionId).executeTakeFirstOrThrow();
  const current = sub.current_version_id
    ? await trx.selectFrom('submission_versions').select('received_at').where('id', '=', sub.current_version_id).executeTakeFirst()
    : undefined;
  const latest = !current || current.received_at <= receivedAt;
  await trx
    .updateTable('submissions')
    .set({
      ...(latest ? { current_version_id: versionId } : {}),
      // Parts accumulate whatever the order the mails are judged in.
      ...(parts ? { report_parts_json: JSON.stringify(mergeReportParts(sub.report_parts_json ? (JSON.parse(sub.report_parts_json) as ReportParts) : null, parts)) } : {}),
      updated_at: at,
    })
    .where('id', '=', submissionId)
    .execute();
}

/**
 * Report parts accumulate across mails that may be judged in any order (an import, two workers):
 * the current version's "incomplete" is recomputed from all the parts received so far.
 */
async function refreshCurrentReportStatus(trx: Transaction<Database>, submissionId: string): Promise<void> {
  const sub = await trx.selectFrom('submissions').select(['current_version_id', 'report_parts_json']).where('id', '=', submissionId).executeTakeFirst();
  if (!sub?.current_version_id || !sub.report_parts_json) return;
  const current = await trx.selectFrom('submission_versions').selectAll().where('id', '=', sub.current_version_id).executeTakeFirst();
  if (!current || (current.status !== 'incomplete' && current.status !== 'accepted' && current.status !== 'accepted_with_warnings')) return;
  const missing = missingReportParts(JSON.parse(sub.report_parts_json) as ReportParts);
  // These statuses mean no error; only the missing parts and the warnings decide between them.
  const status = missing.length > 0 ? 'incomplete' : Number(current.warning_count) > 0 ? 'accepted_with_warnings' : 'accepted';
  if (status === current.status) return;
  const detail = { ...(JSON.parse(current.detail_json) as Record<string, unknown>), reportParts: JSON.parse(sub.report_parts_json) as unknown, missingParts: missing };
  await trx.updateTable('submission_versions').set({ status, detail_json: JSON.stringify(detail) }).where('id', '=', current.id).execute();
}
