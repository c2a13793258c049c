/**
 * A problem found in what a unit sent. Every problem names where it is and says, in Chinese,
 * what to put there instead; `error` blocks acceptance, `warning` does not.
 */
export type Severity = 'error' | 'warning';

/** Stable machine codes, so replies can group problems and tests can name them. */
export type ProblemCode = string;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** Deliverable whose form the problem is in (`recommendation` / `report`), or null for the mail as a whole. */
  form: 'recommendation' | 'report' | null;
  /** Sheet name as in the workbook, or null when the problem is not in a sheet (a missing file). */
  sheet: string | null;
  /** A1 reference such as `E7`, or a header field name such as `推荐单位`, or null. */
  cell: string | null;
  /** The column's (or header field's) display name, e.g. `开始日期`, or null. */
  column: string | null;
  /** The value as found, as text (empty string when the cell was empty), or null when not applicable. */
  value: string | null;
  /** Chinese message that says what is wrong and what to write instead. */
  message: string;
}
