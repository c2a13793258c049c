/**
 * Submissions and their versions. A version is keyed by (message, deliverable), so judging the
 * same mail twice records nothing new; version numbers count a unit's mails for one deliverable,
 * and the current version is the one that reached the mailbox last ("the latest wins").
 */
import type { Kysely, Transaction } from 'kysely';
import type { FormJudgement } from '../../domain/forms/types.js';
import type { ReportParts } from '../../domain/recognition/index.js';
import type { DeliverableVerdict, SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import { reportPartsCodec, rowValuesCodec, versionDetailCodec } from './codecs.js';
import type { Database, SubmissionVersionTable } from './schema.js';
import { submissionIdOf, versionIdOf } from './submission-ids.js';
import { compiledQuery } from './compiled-query.js';
import { createVersionWrites, versionDetail, type LockedSubmission, type VersionDetail } from './version-writes.js';

export interface RecordedVersion {
  versionId: string;
  deliverable: string;
  status: SubmissionVersionTable['status'];
  /** False when the version was already recorded (a re-run of the same job). */
  inserted: boolean;
}

export { submissionIdOf, versionIdOf };

export function createSubmissionRepo(db: Kysely<Database>) {
  const writes = createVersionWrites(db);
  const { lockSubmission, promoteIfLatest, refreshCurrentReportStatus, writeProblemsAndRows } = writes;
  // The reads of every mail's validate and reply jobs, compiled once (compiled-query.ts).
  const recordedOfMessage = compiledQuery(db, (q, p: { messageId: string }) => q.selectFrom('submission_versions').select(['deliverable', 'status']).where('message_id', '=', p.messageId));
  const versionsOfMessage = compiledQuery(db, (q, p: { messageId: string }) => q.selectFrom('submission_versions').selectAll().where('message_id', '=', p.messageId));
  const versionsToAnswer = compiledQuery(db, (q, p: { messageId: string }) =>
    q
      .selectFrom('submission_versions as v')
      .leftJoin('submissions as s', 's.id', 'v.submission_id')
      .selectAll('v')
      .select('s.reference as submission_reference')
      .where('v.message_id', '=', p.messageId),
  );
  const versionById = compiledQuery(db, (q, p: { id: string }) => q.selectFrom('submission_versions').selectAll().where('id', '=', p.id));
  const versionNumbered = compiledQuery(db, (q, p: { submissionId: string; version: number }) =>
    q.selectFrom('submission_versions').selectAll().where('submission_id', '=', p.submissionId).where('version', '=', p.version),
  );
  const decisionsFor = compiledQuery(db, (q, p: { target: string }) =>
    q.selectFrom('coordinator_decisions').selectAll().where('target_message_id', '=', p.target).where('authenticated', '=', 1).orderBy('created_at'),
  );
  const problemsOf = compiledQuery(db, (q, p: { versionId: string }) => q.selectFrom('problems').selectAll().where('version_id', '=', p.versionId).orderBy('ordinal'));
  const rowsOf = compiledQuery(db, (q, p: { versionId: string }) => q.selectFrom('activity_rows').selectAll().where('version_id', '=', p.versionId).orderBy('form').orderBy('row_number'));
  const rowsOfTwo = compiledQuery(db, (q, p: { first: string; second: string }) =>
    q
      .selectFrom('activity_rows')
      .selectAll()
      .where((eb) => eb.or([eb('version_id', '=', p.first), eb('version_id', '=', p.second)]))
      .orderBy('form')
      .orderBy('row_number'),
  );
  const submissionById = compiledQuery(db, (q, p: { id: string }) => q.selectFrom('submissions').selectAll().where('id', '=', p.id));
  const placedFrom = compiledQuery(db, (q, p: { address: string }) =>
    q
      .selectFrom('submission_versions as v')
      .innerJoin('messages as m', 'm.id', 'v.message_id')
      .select('v.id')
      .where('m.from_address', '=', p.address)
      .where('v.unit', 'is not', null)
      .limit(1),
  );

  return {
    /**
     * One transaction per mail. The submission rows it numbers versions in are locked first, in
     * a fixed order, so that mails of one unit judged at the same moment (two jobs, two
     * processes) take versions 1, 2, 3… one after the other instead of colliding on max()+1.
     */
    async recordJudgement(messageId: string, judgement: SubmissionJudgement, receivedAt: string, at: string, options: { replaceHeld?: boolean } = {}): Promise<RecordedVersion[]> {
      return db.transaction().execute(async (trx) => {
        // A mail the coordinator decided on: its held versions give way in the same transaction.
        if (options.replaceHeld) await dropHeld(trx, messageId);
        const before = await recordedOfMessage.rows(trx, { messageId });
        const already = new Map(before.map((v) => [v.deliverable, v.status]));
        const attached = (v: DeliverableVerdict) => Boolean(judgement.unit) && v.status !== 'held' && v.deliverable !== 'unknown' && !already.has(v.deliverable);
        const submissions = new Map<string, LockedSubmission>();
        for (const deliverable of [...new Set(judgement.deliverables.filter(attached).map((v) => v.deliverable))].sort()) {
          submissions.set(deliverable, await lockSubmission(trx, judgement.unit!, deliverable, at));
        }
        const recorded: RecordedVersion[] = [];
        for (const verdict of judgement.deliverables) {
          const versionId = versionIdOf(messageId, verdict.deliverable);
          const status = already.get(verdict.deliverable);
          if (status) {
            recorded.push({ versionId, deliverable: verdict.deliverable, status, inserted: false });
            continue;
          }
          const submission = attached(verdict) ? submissions.get(verdict.deliverable)! : null;
          await writes.insertVersion(trx, {
            id: versionId,
            message_id: messageId,
            deliverable: verdict.deliverable,
            submission_id: submission?.id ?? null,
            unit: judgement.unit,
            status: verdict.status,
            late: verdict.late ? 1 : 0,
            received_at: receivedAt,
            detail_json: versionDetailCodec.encode(versionDetail(judgement, verdict)),
            error_count: verdict.problems.filter((p) => p.severity === 'error').length,
            warning_count: verdict.problems.filter((p) => p.severity === 'warning').length,
            activity_count: verdict.activities,
            judged_at: at,
          });
          await writeProblemsAndRows(trx, versionId, verdict);
          if (submission) {
            const promoted = await promoteIfLatest(trx, submission, versionId, receivedAt, verdict, at);
            if (verdict.deliverable === 'report') await refreshCurrentReportStatus(trx, promoted);
          }
          recorded.push({ versionId, deliverable: verdict.deliverable, status: verdict.status, inserted: true });
        }
        return recorded;
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
      const rows = await decisionsFor.rows(db, { target: targetMessageId });
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
      return row?.report_parts_json ? reportPartsCodec.decode(row.report_parts_json) : null;
    },

    /** Rows of the unit's current recommendation form, to tell which activities the report leaves out. */
    async currentRows(unit: string, deliverable: string): Promise<FormJudgement['rows'] | null> {
      const sub = await db.selectFrom('submissions').select('current_version_id').where('id', '=', submissionIdOf(unit, deliverable)).executeTakeFirst();
      if (!sub?.current_version_id) return null;
      const rows = await db.selectFrom('activity_rows').selectAll().where('version_id', '=', sub.current_version_id).orderBy('row_number').execute();
      return rows.map((r) => ({ rowNumber: Number(r.row_number), values: rowValuesCodec.decode(r.values_json) }));
    },

    versionsOfMessage(messageId: string) {
      return versionsOfMessage.rows(db, { messageId });
    },

    /** A mail's versions, each with its submission's reference (null when tied to none): what a reply reads of them, in one read. */
    versionsToAnswer(messageId: string): Promise<VersionToAnswer[]> {
      return versionsToAnswer.rows(db, { messageId });
    },

    version(versionId: string) {
      return versionById.first(db, { id: versionId });
    },

    versionNumbered(submissionId: string, version: number) {
      return versionNumbered.first(db, { submissionId, version });
    },

    problems(versionId: string) {
      return problemsOf.rows(db, { versionId });
    },

    rows(versionId: string) {
      return rowsOf.rows(db, { versionId });
    },

    /** The rows of two versions (a reply's "what changed"), in one read: each version's as `rows` gives them. */
    async rowsOfTwo(first: string, second: string) {
      const all = await rowsOfTwo.rows(db, { first, second });
      return { [first]: all.filter((r) => r.version_id === first), [second]: all.filter((r) => r.version_id === second) };
    },

    submission(submissionId: string) {
      return submissionById.first(db, { id: submissionId });
    },

    /** Whether mail from this address was judged before and placed with a unit (an address the call has learned). */
    async placedMailFrom(address: string): Promise<boolean> {
      if (!address) return false;
      return (await placedFrom.first(db, { address })) !== undefined;
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
     * (`pending`/`sending`/`drafting`) — after a crash or a lost queue these are answered on restart.
     */
    async unansweredMessageIds(limit = 10_000): Promise<string[]> {
      const rows = await db
        .selectFrom('submission_versions as v')
        .leftJoin('outbox as o', (j) => j.onRef('o.subject_key', '=', 'v.message_id').on('o.purpose', '=', 'reply'))
        .select('v.message_id')
        .distinct()
        .where('v.status', '!=', 'held')
        .where((eb) => eb.or([eb('o.id', 'is', null), eb('o.status', 'in', ['pending', 'sending', 'drafting'])]))
        .limit(limit)
        .execute();
      return rows.map((r) => r.message_id);
    },

    allVersionIdsByMessage() {
      return db.selectFrom('submission_versions').select(['id', 'message_id', 'deliverable']).orderBy('received_at').execute();
    },
  };
}

/** A held mail the coordinator has decided on: its held versions, problems and rows give way to the new judgement. */
async function dropHeld(trx: Transaction<Database>, messageId: string): Promise<void> {
  const held = await trx.selectFrom('submission_versions').select('id').where('message_id', '=', messageId).where('status', '=', 'held').execute();
  const ids = held.map((h) => h.id);
  if (ids.length === 0) return;
  await trx.deleteFrom('problems').where('version_id', 'in', ids).execute();
  await trx.deleteFrom('activity_rows').where('version_id', 'in', ids).execute();
  await trx.deleteFrom('submission_versions').where('id', 'in', ids).execute();
}

export type SubmissionRepo = ReturnType<typeof createSubmissionRepo>;
/** A version as the reply reads it: with the reference of its submission. */
export type VersionToAnswer = SubmissionVersionTable & { submission_reference: string | null };
export type { VersionDetail };
