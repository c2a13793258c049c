/**
 * Making text that came from outside (a mail subject, a file name, an error message) safe to
 * place in the digest: HTML-escaped for the HTML part, folded to one bounded line for both,
 * so a sender cannot add markup, fake lines of the digest, or flood the coordinator's screen.
 */

const MAX_LINE = 160;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** One line: control characters, line and paragraph separators and bidi overrides become spaces. */
export function oneLine(text: string, max = MAX_LINE): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/** Escaped, one-line: what every outside value in the HTML goes through. */
export function safeHtml(text: string, max = MAX_LINE): string {
  return escapeHtml(oneLine(text, max));
}
