/**
 * Collects the problems of one form, filling in what every problem of that form shares
 * (deliverable, sheet) and taking severity and message from the registry in messages.ts.
 */
import type { Problem } from '../problem.js';
import type { FormId } from '../types.js';
import { problemMessages, renderMessage, type JudgeProblemCode, type MessageParams } from './messages.js';

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
        value: site.value,
        message: renderMessage(code, params),
      });
    },
  };
}
