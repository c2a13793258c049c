/**
 * Which deliverable a file-level problem belongs to (a legacy .xls, an encrypted workbook, a zip
 * bomb): the form the problem names; else what the file's own name says (附件1 / 统计表 …); else
 * what the whole mail was recognised as; else the deliverable whose deadline comes next when the
 * mail arrived — a unit that sends an unreadable workbook must still be told what to do.
 */
import type { Campaign } from '../campaign/campaign-schema.js';
import type { Problem } from '../forms/problem.js';
import type { FormId } from '../forms/types.js';
import { recognizeDeliverables } from '../recognition/index.js';
import { endOfShanghaiDay } from '../time/shanghai-time.js';
import type { SubmissionEvidence } from './evidence.js';

export function attributeFileProblems(evidence: SubmissionEvidence, mailDeliverables: readonly FormId[], campaign: Campaign): Map<FormId, Problem[]> {
  const owned = new Map<FormId, Problem[]>();
  const add = (form: FormId, p: Problem) => owned.set(form, [...(owned.get(form) ?? []), { ...p, form }]);
  const fileLevel = [
    ...evidence.workbooks.flatMap((w) => w.result.problems.map((problem) => ({ name: w.name, problem }))),
    ...evidence.fileProblems,
  ];
  for (const { name, problem } of fileLevel) {
    if (problem.form) {
      add(problem.form, problem);
      continue;
    }
    const byName = recognizeDeliverables({ subject: '', attachments: [{ part: '0', filename: name, sniffedType: 'unknown' }], links: [], formsFound: [] }).deliverables;
    const owners = byName.length > 0 ? byName : mailDeliverables.length > 0 ? mailDeliverables : [nextDeliverable(evidence.receivedAt, campaign)];
    for (const form of owners) add(form, problem);
  }
  return owned;
}

function nextDeliverable(receivedAt: string | null, campaign: Campaign): FormId {
  const at = receivedAt ? Date.parse(receivedAt) : Number.NEGATIVE_INFINITY;
  const byDue = [...campaign.deliverables].sort((a, b) => a.due.localeCompare(b.due));
  const next = byDue.find((d) => at <= endOfShanghaiDay(d.due).getTime()) ?? byDue[byDue.length - 1];
  return next?.id ?? 'recommendation';
}
