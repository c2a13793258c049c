/**
 * The parts of the `report` deliverable (docs/forms.md, "The report's parts"): the statistics table, the
 * written summary, photos/videos, and media coverage. Units send them over several mails, so the
 * parts accumulate across a unit's submissions of the report.
 */

export interface ReportParts {
  /** 统计表: a report workbook was read. */
  table: boolean;
  /** 总结材料: a document. */
  summary: boolean;
  /** 影像资料: photos or videos, attached, zipped or linked. */
  media: boolean;
  /** 媒体报道资料: optional. */
  press: boolean;
}

export type ReportPart = keyof ReportParts;

export const REPORT_PART_LABELS: Readonly<Record<ReportPart, string>> = {
  table: '统计表',
  summary: '总结材料',
  media: '影像资料',
  press: '媒体报道资料',
};

/** Parts without which the report is `incomplete`; 媒体报道资料 is optional. */
export const REQUIRED_REPORT_PARTS: readonly ReportPart[] = ['table', 'summary', 'media'];

export const NO_REPORT_PARTS: ReportParts = Object.freeze({ table: false, summary: false, media: false, press: false });

/** What the unit has sent so far: a part once received stays received. */
export function mergeReportParts(previous: ReportParts | null, current: ReportParts): ReportParts {
  const before = previous ?? NO_REPORT_PARTS;
  return {
    table: before.table || current.table,
    summary: before.summary || current.summary,
    media: before.media || current.media,
    press: before.press || current.press,
  };
}

export interface MissingReportPart {
  part: ReportPart;
  /** Chinese name for the reply and the digest, e.g. `总结材料`. */
  label: string;
}

/** Required parts still missing, in the order the notice lists them. */
export function missingReportParts(parts: ReportParts): MissingReportPart[] {
  return REQUIRED_REPORT_PARTS.filter((p) => !parts[p]).map((part) => ({ part, label: REPORT_PART_LABELS[part] }));
}

export function isReportComplete(parts: ReportParts): boolean {
  return missingReportParts(parts).length === 0;
}
