/**
 * Which blank templates a correction request carries: one for each deliverable whose form could
 * not be read at all — not received (a photo, the body, no attachment), another program's format
 * (.xls, .et, .ods), not a spreadsheet, or a sheet without the form's header. A unit asked for the
 * .xlsx gets the file to fill in with the request itself. Pure.
 */
import type { FormId } from '../forms/types.js';
import type { ReplyInput } from './reply-input.js';

/** Problem codes that mean "we have no readable form from you" (codes are defined once, in their modules). */
export const FORM_WANTED_CODES: ReadonlySet<string> = new Set([
  'form-not-received',
  'form-header-not-found',
  'file-legacy-xls',
  'file-wps-et',
  'file-other-office',
  'file-other-spreadsheet',
  'file-not-workbook',
  'file-wrong-type',
  'file-corrupt',
  'file-empty',
]);

export function templatesToAttach(input: Pick<ReplyInput, 'deliverables'>): FormId[] {
  return input.deliverables
    .filter((d) => d.activities === 0 && d.problems.some((p) => FORM_WANTED_CODES.has(p.code)))
    .map((d) => d.deliverable);
}
