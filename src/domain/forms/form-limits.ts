/**
 * Bounds on what the judge works through (docs/limits.md). A form has tens of activities and
 * short cells; these bounds keep every check linear and small whatever a file holds, and each
 * bound that a unit can reach has a message that says so.
 */

/** Activity rows judged in one form; past this the unit is asked to check or split the file. */
export const DEFAULT_MAX_ACTIVITY_ROWS = 2_000;

/**
 * Longest cell text a value parser (date, number, phone, e-mail, option) reads. The longest
 * real value is a few phone numbers (~60 characters); a longer text is reported as it is,
 * unparsed, so no pattern ever runs over a pasted page.
 */
export const MAX_PARSED_TEXT = 200;

/** Longest text of a 报道链接 cell that is split into links (a few dozen URLs). */
export const MAX_URLS_TEXT = 8_000;

/** Longest text that may be a label of the header block or a header cell (a label is a few words). */
export const MAX_LABEL_TEXT = 200;

/** Quoted values in messages are cut to this many characters (with …), so a reply stays short. */
export const MAX_QUOTED_VALUE = 60;

/** `text` when within `max` characters, else its first `max` characters and …. */
export function excerpt(text: string, max = MAX_QUOTED_VALUE): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
