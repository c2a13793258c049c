/**
 * Judges every form read from one file, each against its own definition (pure). The reading
 * sandbox calls this right after reading, so a form's judging is held to the same memory cap and
 * time limit as its reading (docs/limits.md) and only the judged forms cross back to the worker.
 */
import type { FormContext, FormDefinition, JudgedWorkbook, WorkbookReadResult } from '../types.js';
import { judgeForm } from './judge-form.js';

export function judgeWorkbook(read: WorkbookReadResult, definitions: readonly FormDefinition[], ctx: FormContext): JudgedWorkbook {
  const forms = read.forms.map((form) => {
    const def = definitions.find((d) => d.id === form.formId);
    if (!def) throw new Error(`no definition for the form ${form.formId} that was read`);
    return judgeForm(form, def, ctx);
  });
  return { forms, problems: read.problems };
}
