/**
 * The order a unit fixes problems in: what concerns the whole file first (a missing column, an
 * unreadable file), then the header block, then the activity rows top to bottom, left to right —
 * the way one reads a sheet. Errors before warnings, since only errors block acceptance.
 */
import type { Problem } from '../forms/problem.js';

const A1 = /^([A-Z]{1,3})(\d+)$/;

/** Row and column numbers of an A1 reference (`E7` → row 7, column 5), or null for a field name. */
export function parseCellRef(ref: string): { row: number; column: number } | null {
  const m = A1.exec(ref.trim().toUpperCase());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

/** 0: no place (file, missing column); 1: a header field named, not a cell; 2: a cell. */
function placeRank(p: Problem): number {
  if (p.cell === null) return 0;
  return parseCellRef(p.cell) ? 2 : 1;
}

export function compareProblems(a: Problem, b: Problem): number {
  const rank = placeRank(a) - placeRank(b);
  if (rank !== 0) return rank;
  const ca = a.cell ? parseCellRef(a.cell) : null;
  const cb = b.cell ? parseCellRef(b.cell) : null;
  if (ca && cb) return ca.row - cb.row || ca.column - cb.column;
  return 0;
}

/** Problems in reading order, stable for equal places; the input is not changed. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(compareProblems);
}

export interface ProblemListing {
  errors: Problem[];
  warnings: Problem[];
  /** How many problems were left out to keep the mail readable. */
  omitted: number;
}

/**
 * The problems to list, errors first, at most `max` of them in all: a unit that pasted the wrong
 * sheet can have hundreds, and a mail listing them all helps nobody (the annotated workbook has all).
 */
export function listProblems(problems: readonly Problem[], max: number): ProblemListing {
  const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
  const warnings = sortProblems(problems.filter((p) => p.severity === 'warning'));
  const shownErrors = errors.slice(0, max);
  const shownWarnings = warnings.slice(0, Math.max(0, max - shownErrors.length));
  return { errors: shownErrors, warnings: shownWarnings, omitted: problems.length - shownErrors.length - shownWarnings.length };
}
