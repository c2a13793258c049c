/**
 * Contracts between the three stages of form handling:
 *   definition (config) → reading (a workbook into a grid of raw cells under known columns)
 *   → judging (typed values, rules, problems).
 * The reader never judges a value; the validator never opens a file.
 */
import type { Problem } from './problem.js';

export type FormId = 'recommendation' | 'report';

export type ColumnType = 'integer' | 'text' | 'enum' | 'date' | 'phone' | 'urls';

export interface ColumnDefinition {
  /** Stable key used in code and stored rows, e.g. `startDate`. */
  key: string;
  /** Header text as printed on the template, e.g. `开始日期`. */
  label: string;
  /** Other header texts that mean this column in older or altered templates. */
  aliases: string[];
  type: ColumnType;
  required: boolean;
  /** For `enum`: the allowed values (categories and activity forms come from the campaign). */
  options?: string[];
  maxLength?: number;
  min?: number;
  /** Template column width in characters. */
  width?: number;
  /** Input hint shown on the template cell (data validation prompt). */
  hint?: string;
}

export interface HeaderFieldDefinition {
  key: string;
  /** e.g. `推荐单位`; the reader finds `推荐单位：` / `推荐单位:` labels in the header block. */
  label: string;
  aliases: string[];
  type: 'unit' | 'text' | 'phone' | 'email';
  required: boolean;
}

export interface FormDefinition {
  id: FormId;
  /** Template version; written into the hidden fingerprint. */
  version: string;
  title: string;
  /** Name of the template file written by `inbox-worker templates`, e.g. `附件1-推荐表.xlsx`. */
  templateFileName: string;
  sheetName: string;
  headerFields: HeaderFieldDefinition[];
  columns: ColumnDefinition[];
  /** Label of the optional totals row (合计), or null when the form has none. */
  totalsLabel: string | null;
  /** Column keys whose figures the totals row sums. */
  summedColumns: string[];
  /** Padding rows the blank template carries. */
  paddingRows: number;
}

/** What the campaign lends the forms: the activity window and the year for `5月20日`. */
export interface FormContext {
  activityWindow: { start: string; end: string };
  /** Year assumed for dates written without one. */
  year: number;
  /** Activity rows judged per form (docs/limits.md). @defaultValue DEFAULT_MAX_ACTIVITY_ROWS */
  maxActivityRows?: number;
}

/** One cell as the reader found it: no judgement, just what is there. */
export interface RawCell {
  /** A1 reference, e.g. `E7` (for a merged cell: the top-left cell of the merge). */
  ref: string;
  /**
   * The value: a JS Date for a real date cell, a number, a string (rich text flattened,
   * trimmed), a boolean, or null for an empty cell. Formulas give their cached result.
   */
  value: Date | number | string | boolean | null;
  /** Cell number format (e.g. `yyyy-mm-dd`, `0`), to tell a date serial from a plain number. */
  numFmt: string | null;
  /** Target of a hyperlink in the cell, if any. */
  hyperlink: string | null;
}

export interface RawRow {
  /** 1-based worksheet row number. */
  rowNumber: number;
  /** Cells by column key; a column the sheet lacks is absent. */
  cells: Record<string, RawCell | undefined>;
}

/** A row under the header that is not an activity, and what it is. */
export interface SkippedRow {
  rowNumber: number;
  kind: 'section' | 'subtotal' | 'totals' | 'footnote' | 'signature';
  /** Its text as written (the texts of its cells, joined), at most 60 characters. */
  text: string;
}

/** A workbook read against one form definition. */
export interface ReadForm {
  formId: FormId;
  sheet: string;
  headerRowNumber: number;
  /** Header block values by header field key (推荐单位 …), as found. */
  headerFields: Record<string, RawCell | undefined>;
  /**
   * Where each known column was found: key → column letter and the header as the unit wrote it,
   * for messages (the child, or `父/子` when the child alone does not say it: 参与人次/线下).
   */
  columns: Record<string, { letter: string; headerText: string }>;
  /** Rows under the header that are not activities (sections, 小计, 合计, notes, signatures), for information. */
  skippedRows?: SkippedRow[];
  /** Column keys of the definition that the sheet does not have. */
  missingColumns: string[];
  /** Activity rows, with template padding and empty rows already left out. */
  rows: RawRow[];
  /** The 合计 row, if present. */
  totalsRow: RawRow | null;
  /** The hidden template fingerprint, when found. */
  fingerprint: { formId: string; version: string } | null;
}

/** What reading one file gave: the forms recognised in it, or problems saying why none could be read. */
export interface WorkbookReadResult {
  forms: ReadForm[];
  /** File-level problems: not an xlsx, encrypted, zip bomb, no known header row, fingerprint mismatch (warning). */
  problems: Problem[];
}

/**
 * One file's forms judged cell by cell, and its file-level problems: what the reading sandbox
 * hands back (it reads and judges in one go, docs/limits.md), and what a submission is judged on.
 */
export interface JudgedWorkbook {
  forms: FormJudgement[];
  problems: Problem[];
}

/** A typed, judged activity row as stored and merged into the coordinator's workbook. */
export interface ActivityRow {
  rowNumber: number;
  values: Record<string, string | number | null>;
}

export interface FormJudgement {
  formId: FormId;
  sheet: string;
  /** The header block, typed (推荐单位 → the text written). */
  header: Record<string, string | null>;
  rows: ActivityRow[];
  problems: Problem[];
  /** Rows under the header that are not activities (sections, 小计, 合计, notes, signatures): information only. */
  skippedRows?: SkippedRow[];
}
