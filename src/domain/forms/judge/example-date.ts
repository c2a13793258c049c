import type { FormContext } from '../types.js';

/**
 * The date shown in hints ("请填写为 2025-05-20 这样的日期"): May 20th of the campaign's year, as in
 * docs/forms.md ("Dates and numbers as units write them"), unless another year's window does not hold it — then the window's first day.
 */
export function exampleDate(ctx: FormContext): string {
  const may20 = `${ctx.year}-05-20`;
  const { start, end } = ctx.activityWindow;
  return may20 >= start && may20 <= end ? may20 : start;
}
