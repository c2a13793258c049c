/**
 * Which version of a unit's submission stands (docs/trust.md, "A version needs a form"). The
 * latest mail wins only when it brings something to stand on: the deliverable's form read, or for
 * the report one of its other parts. A mail with nothing readable (a forgotten attachment, a
 * photo of the form, winmail.dat, a cloud link only) is recorded and answered, but it never
 * replaces what the unit sent before in the digest or the merged workbook. Pure.
 */

/** What one mail brought for one deliverable. */
export interface VersionContent {
  /** The deliverable's form was found and read (even with errors in it). */
  form: boolean;
  /** Report only: this mail itself carried a summary, photos/videos or press material. */
  part: boolean;
}

export const NO_CONTENT: VersionContent = Object.freeze({ form: false, part: false });

/**
 * Whether a newer version replaces the current one. With no current version yet, whatever came
 * first stands (the digest then shows the unit tried). A report mail with only its parts does not
 * push aside a current version that has the statistics table: the parts accumulate anyway, and
 * the table's rows must stay in the merged workbook.
 */
export function replacesCurrent(candidate: VersionContent, current: VersionContent | null): boolean {
  if (current === null) return true;
  if (candidate.form) return true;
  return candidate.part && !current.form;
}

/** The content of a stored version from its recorded detail; versions recorded before this rule have only their sources. */
export function storedContent(detail: { content?: VersionContent; sources?: readonly unknown[] } | null): VersionContent {
  if (!detail) return NO_CONTENT;
  if (detail.content) return detail.content;
  return { form: (detail.sources?.length ?? 0) > 0, part: false };
}
