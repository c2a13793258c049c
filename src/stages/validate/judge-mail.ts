/**
 * The one way a mail is judged. The validate job, `revalidate` and `check` all come here: the
 * mail's files are read into evidence, the coordinator's decision on the mail (if she made one)
 * is applied, and where there is a store the unit's history is consulted. Nothing here writes.
 */
import type { AppConfig } from '../../config/app-config.js';
import type { SubmissionRepo } from '../../adapters/store/submission-repo.js';
import { judgeSubmission, type JudgeContext, type SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import { gatherEvidence, type EvidenceInput } from './gather-evidence.js';
import { withLearnedAddresses, type LearnedAddress } from '../../domain/recognition/index.js';

export type JudgementConfig = Pick<AppConfig, 'campaign' | 'forms'>;

/** What the mail brought, as the evidence gatherer reads it. */
export type MailToJudge = Omit<EvidenceInput, 'readBytes' | 'definitions' | 'reader' | 'onAborted'>;

export interface JudgeMailOptions {
  config: JudgementConfig;
  readBytes(sha256: string): Promise<Buffer>;
  /** The sandboxed reader of workbooks (docs/limits.md). */
  reader: EvidenceInput['reader'];
  onAborted?: EvidenceInput['onAborted'];
  /** The coordinator's decision on this mail: the unit she named, whether she accepted it as it is. */
  decision?: JudgeContext['decision'];
  /** The store's memory of the unit (report parts so far, its current recommendation); `check` has none. */
  history?: Pick<SubmissionRepo, 'reportParts' | 'currentRows'>;
  /** Sender addresses the coordinator's decisions taught, added to the registry's (units.yaml wins). */
  learned?: readonly LearnedAddress[];
  /** False for `check` on a lone spreadsheet, which has no sender to place a unit by. */
  requireUnit?: boolean;
}

export async function judgeMail(mail: MailToJudge, options: JudgeMailOptions): Promise<SubmissionJudgement> {
  const { config, history } = options;
  const evidence = await gatherEvidence({
    ...mail,
    readBytes: options.readBytes,
    definitions: Object.values(config.forms.definitions),
    reader: options.reader,
    ...(options.onAborted ? { onAborted: options.onAborted } : {}),
  });
  const ctx: JudgeContext = {
    campaign: config.campaign.campaign,
    units: withLearnedAddresses(config.campaign.units, options.learned ?? []),
    definitions: config.forms.definitions,
    formContext: config.forms.context,
    decision: options.decision,
    ...(options.requireUnit === false ? { requireUnit: false } : {}),
  };
  // The unit is known only after a first judgement (the form's header may name it); then its
  // history is looked up and the mail judged again with it. Judging is cheap next to reading.
  const first = judgeSubmission(evidence, ctx);
  if (!first.unit || !history) return first;
  const parts = await history.reportParts(first.unit);
  const recommended = await history.currentRows(first.unit, 'recommendation');
  return judgeSubmission(evidence, ctx, { reportParts: () => parts, recommendedRows: () => recommended });
}
