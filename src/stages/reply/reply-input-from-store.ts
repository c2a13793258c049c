/**
 * Gathers from the store what the reply composer needs for one mail: its recorded versions,
 * their problems and rows, the previous version of each submission (for "what changed"), and
 * the files received. Plain data out; composition stays pure.
 */
import type { Campaign } from '../../domain/campaign/campaign-schema.js';
import type { ParsedMessage } from '../../domain/mail/message.js';
import type { Problem } from '../../domain/forms/problem.js';
import type { ActivityRow, FormId } from '../../domain/forms/types.js';
import { describeChanges, replyRecipient, type VersionSnapshot } from '../../domain/replies/index.js';
import type { DeliverableOutcome, ReplyInput, SubmissionChanges } from '../../domain/replies/reply-input.js';
import { rowValuesCodec, versionDetailCodec } from '../../adapters/store/codecs.js';
import type { SubmissionRepo, VersionToAnswer } from '../../adapters/store/submission-repo.js';
import { storedContent } from '../../domain/submissions/current-version.js';
import type { SubmissionVersionTable } from '../../adapters/store/schema.js';

export interface ReplyMaterial {
  input: Omit<ReplyInput, 'annotatedAttachments'>;
  /** Per annotated-able attachment part: the problems located in it. */
  annotations: { part: string; name: string; problems: Problem[] }[];
  submissionId: string;
  versionIds: string[];
}

export async function replyMaterial(
  parsed: ParsedMessage,
  versions: readonly VersionToAnswer[],
  submissions: SubmissionRepo,
  campaign: Campaign,
): Promise<ReplyMaterial | null> {
  const answered = versions.filter((v) => v.submission_id && v.unit && v.version !== null);
  const first = answered[0];
  if (!first?.submission_id || first.submission_reference === null) return null;

  const deliverables: DeliverableOutcome[] = [];
  const annotations = new Map<string, { part: string; name: string; problems: Problem[] }>();
  const changes: SubmissionChanges[] = [];
  // Each version's detail is decoded once for the whole reply.
  const details = answered.map((v) => versionDetailCodec.decode(v.detail_json));
  for (const [i, v] of answered.entries()) {
    const detail = details[i]!;
    const problems = await problemsOf(submissions, v);
    const due = campaign.deliverables.find((d) => d.id === v.deliverable);
    deliverables.push({
      deliverable: v.deliverable as FormId,
      title: due?.title ?? v.deliverable,
      status: v.status as DeliverableOutcome['status'],
      late: v.late === 1,
      due: due?.due ?? '',
      activities: Number(v.activity_count),
      problems,
      missingParts: detail.missingParts,
      notReported: detail.notReported,
    });
    for (const source of detail.sources) {
      const located = problems.filter((p) => p.cell && p.sheet === source.sheet && /^[A-Z]{1,3}\d+$/.test(p.cell));
      if (located.length === 0 || source.name.includes('/')) continue;
      const entry = annotations.get(source.part) ?? { part: source.part, name: source.name, problems: [] };
      // A loop, not push(...located): a 200,000-row form has more problems than a call takes arguments.
      for (const p of located) entry.problems.push(p);
      annotations.set(source.part, entry);
    }
    // A mail without its form changed nothing in the unit's record: no "rows removed" to report.
    const changed = storedContent(detail).form ? await changesSincePrevious(submissions, v, problems) : null;
    if (changed) changes.push(changed);
  }

  const detail = details[0]!;
  return {
    submissionId: first.submission_id,
    versionIds: answered.map((v) => v.id),
    annotations: [...annotations.values()],
    input: {
      language: campaign.language,
      campaignName: campaign.name,
      unitName: first.unit!,
      reference: first.submission_reference,
      version: answered.reduce((max, v) => Math.max(max, Number(v.version)), -Infinity),
      receivedAt: first.received_at,
      deliverables,
      files: detail.files.filter((f) => f.source !== 'link').map((f) => ({ filename: f.name, role: f.role })),
      links: detail.files.filter((f) => f.source === 'link' && f.url).map((f) => ({ url: f.url!, label: f.name === f.url ? null : f.name, role: f.role })),
      changes: changes.length === 0 ? null : mergeChanges(changes),
      contact: { name: campaign.coordinator.name, address: campaign.coordinator.address },
      original: { messageId: parsed.messageId, inReplyTo: parsed.inReplyTo, references: parsed.references, subject: parsed.subject, from: replyRecipient(parsed.from, parsed.replyTo, campaign.allowedSenderDomains) },
    },
  };
}

/** What changed since the unit's previous version of the deliverable; null for a first version. */
async function changesSincePrevious(submissions: SubmissionRepo, v: SubmissionVersionTable, problems: Problem[]): Promise<SubmissionChanges | null> {
  if (!v.submission_id || v.version === null || Number(v.version) <= 1) return null;
  const prev = await submissions.versionNumbered(v.submission_id, Number(v.version) - 1);
  if (!prev) return null;
  const rows = await submissions.rowsOfTwo(prev.id, v.id);
  const previous: VersionSnapshot = { problems: await problemsOf(submissions, prev), rows: { [v.deliverable]: activityRows(rows[prev.id] ?? []) } };
  return describeChanges(previous, { problems, rows: { [v.deliverable]: activityRows(rows[v.id] ?? []) } });
}

/**
 * A version's problems. Its row counts them (both severities, written in the same transaction as
 * the problems: submission-repo.ts), so a version without any, as most are, needs no read.
 */
async function problemsOf(submissions: SubmissionRepo, v: Pick<SubmissionVersionTable, 'id' | 'error_count' | 'warning_count'>): Promise<Problem[]> {
  if (Number(v.error_count) + Number(v.warning_count) === 0) return [];
  return (await submissions.problems(v.id)).map(toProblem);
}

function activityRows(rows: Awaited<ReturnType<SubmissionRepo['rows']>>): ActivityRow[] {
  return rows.map((r) => ({ rowNumber: Number(r.row_number), values: rowValuesCodec.decode(r.values_json) }));
}

function toProblem(p: Awaited<ReturnType<SubmissionRepo['problems']>>[number]): Problem {
  return { code: p.code, severity: p.severity as Problem['severity'], form: p.form as Problem['form'], sheet: p.sheet, cell: p.cell, column: p.column_name, value: p.value, message: p.message };
}

function mergeChanges(all: SubmissionChanges[]): SubmissionChanges {
  return {
    fixed: all.flatMap((c) => c.fixed),
    newProblems: all.flatMap((c) => c.newProblems),
    rowsAdded: all.flatMap((c) => c.rowsAdded),
    rowsRemoved: all.flatMap((c) => c.rowsRemoved),
  };
}
