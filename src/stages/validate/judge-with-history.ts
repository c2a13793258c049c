/**
 * Judging with what the store knows of the unit. The unit is only known after a first judgement
 * (the form's header may name it), so the mail is judged once without history, the unit's
 * history is looked up, and it is judged again with it. Judging is pure and cheap next to reading.
 */
import type { AppConfig } from '../../config/app-config.js';
import type { SubmissionRepo } from '../../adapters/store/submission-repo.js';
import type { SubmissionEvidence } from '../../domain/submissions/evidence.js';
import { judgeSubmission, type SubmissionJudgement } from '../../domain/submissions/judge-submission.js';

export async function judgeWithHistory(
  evidence: SubmissionEvidence,
  config: Pick<AppConfig, 'campaign' | 'forms'>,
  submissions: Pick<SubmissionRepo, 'reportParts' | 'currentRows'>,
  decision?: { unit: string | null; accept: boolean },
): Promise<SubmissionJudgement> {
  const ctx = { campaign: config.campaign.campaign, units: config.campaign.units, definitions: config.forms.definitions, formContext: config.forms.context, decision };
  const first = judgeSubmission(evidence, ctx);
  if (!first.unit) return first;
  const parts = await submissions.reportParts(first.unit);
  const recommended = await submissions.currentRows(first.unit, 'recommendation');
  return judgeSubmission(evidence, ctx, { reportParts: () => parts, recommendedRows: () => recommended });
}
