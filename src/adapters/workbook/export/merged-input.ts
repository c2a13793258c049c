/** What the merged workbook is built from: plain data the store read; the builder does no I/O. */
import type { SubmissionStatus } from '../../../domain/digest/digest-input.js';
import type { ActivityRow, FormDefinition, FormId } from '../../../domain/forms/types.js';
import type { ReportParts } from '../../../domain/recognition/report-parts.js';

/** One unit's current version of one form, with its judged rows. */
export interface MergedSubmissionRows {
  unit: string;
  version: number;
  status: SubmissionStatus;
  /** ISO-8601 UTC. */
  receivedAt: string;
  rows: readonly ActivityRow[];
}

export interface MergedWorkbookInput {
  /** One sheet per definition, in this order. */
  definitions: readonly FormDefinition[];
  /** Unit full names, in registry order (rows and the summary follow it). */
  units: readonly string[];
  /** Current submissions per form. */
  rows: Partial<Record<FormId, readonly MergedSubmissionRows[]>>;
  /** Report parts received so far, per unit; a unit absent here has sent no report part. */
  reportParts: Readonly<Record<string, ReportParts>>;
  /** Written into the file's properties, so the same input gives the same workbook. */
  generatedAt: Date;
  /** Workbook title property, e.g. the campaign's name. */
  title?: string;
}
