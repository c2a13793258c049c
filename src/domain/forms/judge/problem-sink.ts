/**
 * Collects the problems of one form, filling in what every problem of that form shares
 * (deliverable, sheet) and taking severity and message from the registry in messages.ts.
 */
import type { Problem } from '../problem.js';
import type { FormId } from '../types.js';
import { problemMessages, renderMessage, type JudgeProblemCode, type MessageParams } from './messages.js';
import { excerpt } from '../form-limits.js';

/** A problem keeps at most this much of the value found (the unit's file has it all). */
const MAX_STORED_VALUE = 4_000;
/** A message names at most this many bad parts of one cell. */
const MAX_BAD_PARTS = 5;

/**
 * What a message quotes from the unit's cell is cut to a short excerpt (docs/limits.md): a reply
 * quotes, it does not echo a pasted page back. One room for the rule: every judge message passes here.
 */
function quotedShort<P>(params: P): P {
  const p = { ...params } as Record<string, unknown>;
  if (typeof p.value === 'string') p.value = excerpt(p.value);
  if (Array.isArray(p.bad)) {
    const bad = (p.bad as string[]).slice(0, MAX_BAD_PARTS).map((b) => excerpt(b));
    if (p.bad.length > MAX_BAD_PARTS) bad.push(`等共 ${p.bad.length} 处`);
    p.bad = bad;
  }
  return p as P;
}

/** Where a problem is: the cell (`E7`) or header field, the column's name, the value found. */
export interface ProblemSite {
  cell: string | null;
  column: string | null;
  value: string | null;
}

export interface ProblemSink {
  readonly problems: Problem[];
  add<C extends JudgeProblemCode>(code: C, site: ProblemSite, params: MessageParams<C>): void;
}

export function createProblemSink(form: FormId, sheet: string): ProblemSink {
  const problems: Problem[] = [];
  return {
    problems,
    add(code, site, params) {
      problems.push({
        code,
        severity: problemMessages[code].severity,
        form,
        sheet,
        cell: site.cell,
        column: site.column,
        value: site.value === null ? null : excerpt(site.value, MAX_STORED_VALUE),
        message: renderMessage(code, quotedShort(params)),
      });
    },
  };
}
