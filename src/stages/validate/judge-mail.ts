/**
 * The one way a mail is judged. The validate job, `revalidate` and `check` all come here: the
 * mail's files are read into evidence and their forms judged cell by cell (both in the reading
 * sandbox, docs/limits.md); here, in the calling process, the mail is judged from that evidence:
 * the coordinator's decision on the mail (if she made one) is applied, and where there is a store
 * the unit's history is consulted. Nothing here writes.
 */
import type { AppConfig } from '../../config/app-config.js';
import type { SubmissionRepo } from '../../adapters/store/submission-repo.js';
import { judgeSubmission, type JudgeContext, type SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import { gatherEvidence, type EvidenceInput } from './gather-evidence.js';
import { createUnitMatcher, withLearnedAddresses, type LearnedAddress, type ReportParts, type UnitMatcher } from '../../domain/recognition/index.js';
import type { SubmissionEvidence } from '../../domain/submissions/evidence.js';
import type { FormJudgement } from '../../domain/forms/types.js';

export type JudgementConfig = Pick<AppConfig, 'campaign' | 'forms'>;

/** What the mail brought, as the evidence gatherer reads it. */
export type MailToJudge = Omit<EvidenceInput, 'readBytes' | 'definitions' | 'formContext' | 'reader' | 'onAborted' | 'openNothing'>;

export interface JudgeMailOptions {
  config: JudgementConfig;
  readBytes(sha256: string): Promise<Buffer>;
  /** The sandboxed reader of workbooks (docs/limits.md). */
  reader: EvidenceInput['reader'];
  onAborted?: EvidenceInput['onAborted'];
  /** A quarantined job's mail: no file is opened, each is an aborted reading (docs/limits.md). */
  openNothing?: boolean;
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
    formContext: config.forms.context,
    reader: options.reader,
    ...(options.onAborted ? { onAborted: options.onAborted } : {}),
    ...(options.openNothing ? { openNothing: true } : {}),
  });
  // The registry's matcher is built once per mail (it normalises every unit's names), not once per judgement.
  const units = createUnitMatcher(withLearnedAddresses(config.campaign.units, options.learned ?? []));
  const ctx: JudgeContext = {
    campaign: config.campaign.campaign,
    units,
    definitions: config.forms.definitions,
    decision: options.decision,
    ...(options.requireUnit === false ? { requireUnit: false } : {}),
  };
  if (!history) return judgeSubmission(evidence, ctx);
  return judgeWithHistory(evidence, ctx, history, likelyUnit(evidence, ctx, units));
}

type History = NonNullable<JudgeMailOptions['history']>;
interface Known { parts: ReportParts | null; recommended: FormJudgement['rows'] | null }

/**
 * The unit's history is only consulted for a report, and only for the unit the judgement places
 * the mail with. That unit is known only while judging (a form's header may name it), so the
 * history of the likely unit is looked up first and the mail judged once; only if the judgement
 * asks for another unit's history (or one not looked up) is it looked up and the mail judged
 * again — the verdict is always the one judged with the placed unit's history. Judging again is
 * cheap: the forms were judged cell by cell once, in the reading sandbox.
 */
async function judgeWithHistory(evidence: SubmissionEvidence, ctx: JudgeContext, history: History, likely: string | null): Promise<SubmissionJudgement> {
  const known = new Map<string, Known>();
  const lookUp = async (unit: string): Promise<void> => {
    known.set(unit, { parts: await history.reportParts(unit), recommended: await history.currentRows(unit, 'recommendation') });
  };
  if (likely) await lookUp(likely);
  const asked = new Set<string>();
  const judge = (): SubmissionJudgement => judgeSubmission(evidence, ctx, {
    reportParts: (unit) => (known.has(unit) ? known.get(unit)!.parts : (asked.add(unit), null)),
    recommendedRows: (unit) => (known.has(unit) ? known.get(unit)!.recommended : (asked.add(unit), null)),
  });
  const judged = judge();
  if (asked.size === 0) return judged;
  for (const unit of asked) await lookUp(unit);
  return judge();
}

/**
 * The unit whose history is worth looking up before judging: the one the coordinator named, or
 * the sender's registered unit, and only when the mail carries a report form (the history is
 * read for reports only). A wrong guess costs a second judgement, never a different verdict.
 */
function likelyUnit(evidence: SubmissionEvidence, ctx: JudgeContext, units: UnitMatcher): string | null {
  const report = evidence.workbooks.some((w) => w.result.forms.some((f) => f.formId === 'report'));
  if (!report) return null;
  return ctx.decision?.unit ?? units.byAddress(evidence.fromAddress);
}
