/**
 * Judging one mail as a submission (pure): which unit sent it, which deliverable(s) it carries,
 * its forms' problems (each form was judged cell by cell where it was read), report parts accumulated with the unit's earlier mails, and a
 * status per deliverable. The validate job, `inbox-worker check` and `revalidate` all call this.
 */
import type { Campaign, Unit } from '../campaign/campaign-schema.js';
import type { Problem } from '../forms/problem.js';
import { compareRecommendedWithReported } from '../forms/judge/index.js';
import type { FormDefinition, FormId, FormJudgement } from '../forms/types.js';
import {
  identifyUnit,
  mergeReportParts,
  missingReportParts,
  recognizeDeliverables,
  type ClassifiedFile,
  type HeldForCoordinator,
  type MissingReportPart,
  type ReportParts,
  type UnitMatcher,
} from '../recognition/index.js';
import type { SubmissionEvidence } from './evidence.js';
import { attributeFileProblems } from './file-problem-owner.js';
import { formNotReceived } from './form-not-received.js';
import { NO_CONTENT, type VersionContent } from './current-version.js';
import { senderHold, type SenderHold } from './sender-hold.js';
import { isLate, statusOf, type SubmissionStatus } from './submission-status.js';

export interface JudgeContext {
  campaign: Campaign;
  units: readonly Unit[] | UnitMatcher;
  definitions: Readonly<Record<FormId, FormDefinition>>;
  /**
   * Whether a mail whose unit cannot be told is held. `check` on a lone spreadsheet has no sender
   * to go by, so there an unknown unit is reported but the forms are still judged.
   * @defaultValue true
   */
  requireUnit?: boolean;
  /** The coordinator's decision on a held mail: the unit she named, and whether she accepted it as it is. */
  decision?: { unit: string | null; accept: boolean } | undefined;
}

/** What is already known of a unit from its earlier mails (plain data looked up by the caller). */
export interface UnitHistory {
  reportParts(unit: string): ReportParts | null;
  recommendedRows(unit: string): FormJudgement['rows'] | null;
}

export const NO_HISTORY: UnitHistory = { reportParts: () => null, recommendedRows: () => null };

export interface DeliverableVerdict {
  deliverable: FormId | 'unknown';
  status: SubmissionStatus;
  late: boolean;
  problems: Problem[];
  forms: FormJudgement[];
  activities: number;
  /** Report only: parts received so far (this mail merged with earlier ones) and what is missing. */
  reportParts: ReportParts | null;
  missingParts: MissingReportPart[];
  /** Report only: activities recommended earlier that the statistics table does not list. */
  notReported: string[];
  /** Where each form was read: the attachment's MIME part, its name, the sheet (to annotate the unit's file). */
  sources: { part: string; name: string; sheet: string }[];
  /** What this mail itself brought for the deliverable; decides whether it may replace the current version. */
  content: VersionContent;
}

export interface SubmissionJudgement {
  unit: string | null;
  unitBy: 'address' | 'header' | 'subject' | 'coordinator' | null;
  held: (HeldForCoordinator | SenderHold | { reason: 'no_deliverable'; detail: string }) | null;
  candidates: string[];
  files: ClassifiedFile[];
  deliverables: DeliverableVerdict[];
}

export function judgeSubmission(evidence: SubmissionEvidence, ctx: JudgeContext, history: UnitHistory = NO_HISTORY): SubmissionJudgement {
  const sourced = evidence.workbooks.flatMap((w) =>
    w.result.forms.map((form) => ({ form, source: { part: w.part, name: w.name, sheet: form.sheet } })),
  );
  const forms = sourced.map((s) => s.form);
  const identity = identifyUnit({
    fromAddress: evidence.fromAddress,
    headerUnitTexts: forms.map((f) => f.header.unit).filter((t): t is string => Boolean(t && t.trim())),
    subject: evidence.subject,
    units: ctx.units,
  });
  const recognition = recognizeDeliverables({
    subject: evidence.subject,
    attachments: evidence.attachments,
    links: evidence.links,
    formsFound: forms.map((f) => f.formId),
  });
  const fileProblems = attributeFileProblems(evidence, recognition.deliverables, ctx.campaign);
  const wanted = new Set<FormId>([...recognition.deliverables, ...fileProblems.keys()]);
  const assigned = ctx.decision?.unit ?? null;
  // Outside senders and DMARC failures wait for the coordinator; her decision is what lets them in
  // (docs/trust.md). `check` on a lone file has no sender to judge.
  const untrusted = ctx.decision || ctx.requireUnit === false ? null : senderHold(evidence, { allowedDomains: ctx.campaign.allowedSenderDomains, authservId: ctx.campaign.mailbox.authservId });
  const held = untrusted ?? (assigned ? null : identity.held?.reason === 'unknown_unit' && ctx.requireUnit === false ? null : identity.held);
  const unit = assigned ?? identity.unit;
  const base = { unit, unitBy: assigned ? ('coordinator' as const) : identity.by, candidates: identity.candidates, files: recognition.files };

  if (wanted.size === 0) {
    const detail = `邮件中没有找到推荐表、统计表或活动材料（主题：“${evidence.subject}”）。`;
    return { ...base, held: untrusted ?? { reason: 'no_deliverable', detail }, deliverables: [verdictWithoutForms('unknown', true, isLateFor(evidence, null, ctx))] };
  }

  const deliverables = [...wanted].sort().map((deliverable): DeliverableVerdict => {
    const formsOf = forms.filter((f) => f.formId === deliverable);
    const problems = [...(fileProblems.get(deliverable) ?? []), ...formsOf.flatMap((f) => f.problems)];
    // No form read and nothing else to say why: the mail still must not be acknowledged. A report
    // mail that brings its other parts (summary, photos) is `incomplete` instead, as parts accumulate.
    const otherParts = recognition.reportParts && (recognition.reportParts.summary || recognition.reportParts.media || recognition.reportParts.press);
    // Only an error says why: a warning about a file left unopened must not let a formless mail pass.
    if (formsOf.length === 0 && !problems.some((p) => p.severity === 'error') && !(deliverable === 'report' && otherParts)) {
      problems.push(formNotReceived(ctx.definitions[deliverable], evidence.attachments));
    }
    let reportParts: ReportParts | null = null;
    let missingParts: MissingReportPart[] = [];
    let notReported: string[] = [];
    if (deliverable === 'report') {
      const current = recognition.reportParts ?? { table: formsOf.length > 0, summary: false, media: false, press: false };
      reportParts = mergeReportParts(unit ? history.reportParts(unit) : null, current);
      missingParts = missingReportParts(reportParts);
      const recommended = unit ? history.recommendedRows(unit) : null;
      if (recommended && formsOf.length > 0) notReported = compareRecommendedWithReported(recommended, formsOf.flatMap((f) => f.rows));
    }
    return {
      deliverable,
      // Accepted by the coordinator despite its problems: they are still listed in the reply.
      status: ctx.decision?.accept && held === null ? 'accepted' : statusOf(problems, { held: held !== null, missingParts }),
      late: isLateFor(evidence, deliverable, ctx),
      problems,
      forms: formsOf,
      activities: formsOf.reduce((n, f) => n + f.rows.length, 0),
      reportParts,
      missingParts,
      notReported,
      sources: sourced.filter((s) => s.form.formId === deliverable).map((s) => s.source),
      content: { form: formsOf.length > 0, part: deliverable === 'report' && Boolean(otherParts) },
    };
  });
  return { ...base, held, deliverables };
}

function isLateFor(evidence: SubmissionEvidence, deliverable: FormId | null, ctx: JudgeContext): boolean {
  const due = ctx.campaign.deliverables.find((d) => d.id === deliverable)?.due;
  return due && evidence.receivedAt ? isLate(evidence.receivedAt, due) : false;
}

function verdictWithoutForms(deliverable: FormId | 'unknown', held: boolean, late: boolean): DeliverableVerdict {
  return { deliverable, status: statusOf([], { held, missingParts: [] }), late, problems: [], forms: [], activities: 0, reportParts: null, missingParts: [], notReported: [], sources: [], content: NO_CONTENT };
}
