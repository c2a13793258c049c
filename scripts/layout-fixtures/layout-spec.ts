/**
 * A form layout as a unit draws it, written as a plain grid (row 1 first) with its merges, and the
 * verdict a coordinator gives it. scripts/make-layout-fixtures.ts turns each into real files made
 * by LibreOffice (.xlsx, .ods, .xls, .csv in UTF-8 and GBK).
 */

/** A date typed as a real date cell (LibreOffice keeps it a date; a .csv shows it as 2025-05-20). */
export interface DateCell { date: string }
export type LayoutCell = string | number | DateCell | null;

/** The file formats LibreOffice writes for a layout. */
export type LayoutFormat = 'xlsx' | 'ods' | 'xls' | 'csv-utf8' | 'csv-gbk';

export interface ExpectedLayoutProblem {
  severity: 'error' | 'warning';
  cell: string | null;
  column: string | null;
  /** The full Chinese message, when the rule's wording is fixed. */
  message?: string;
  /** Phrases the message must contain, when only its gist is pinned (file-level problems). */
  includes?: string[];
}

/** A row that is not an activity, and what it is. */
export interface ExpectedSkip {
  row: number;
  kind: 'section' | 'subtotal' | 'totals' | 'footnote' | 'signature';
}

export interface LayoutExpectation {
  deliverable: 'recommendation' | 'report';
  /** As `check` gives it for the file alone: a 统计表 without its summary and photos is `incomplete`. */
  status: 'accepted' | 'accepted_with_warnings' | 'needs_correction' | 'incomplete';
  activities: number;
  problems: ExpectedLayoutProblem[];
  /** Rows read as not activities (listed as information by `check`). */
  skipped?: ExpectedSkip[];
  /** The header block as read: field key → text. */
  header?: Record<string, string>;
}

export interface LayoutSpec {
  /** File stem; it names the form (推荐表 / 统计表) as units' file names do. */
  name: string;
  sheet: string;
  story: string;
  rows: LayoutCell[][];
  merges: string[];
  formats: LayoutFormat[];
  expect: LayoutExpectation;
}

export const D = (iso: string): DateCell => ({ date: iso });

/** What a format that is not read as a form must give: a correction request asking for the .xlsx. */
export function notReadableExpectation(spec: LayoutSpec, format: 'ods' | 'xls'): LayoutExpectation {
  return {
    deliverable: spec.expect.deliverable,
    status: 'needs_correction',
    activities: 0,
    problems: [{ severity: 'error', cell: null, column: null, includes: [`.${format}`, '.xlsx'] }],
  };
}
