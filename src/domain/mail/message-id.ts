/**
 * Message-IDs as mail carries them (RFC 5322 §3.6.4) and as we keep them: without angle
 * brackets. Every place that reads or compares a Message-ID goes through this module.
 */

/** A Message-ID without angle brackets or surrounding white space; ids compare case-sensitively (RFC 5322). */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/**
 * The ids in a header that may carry several (References, In-Reply-To). Clients differ: most
 * write `<a@x> <b@y>`, some fold or comma-separate them, some add a comment after the id, a few
 * drop the brackets.
 */
export function messageIdsIn(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (bracketed.length > 0) return bracketed;
  return value
    .split(/[\s,]+/)
    .map(bareMessageId)
    .filter((id) => id.includes('@'));
}

/**
 * A message's own Message-ID as a stable key: the part inside angle brackets, or the whole
 * trimmed value when a client forgot them. Empty or absurd values count as no Message-ID at all.
 */
export function messageIdOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const inside = /<([^<>\s]+)>/.exec(value)?.[1] ?? value.trim();
  if (inside.length < 3 || inside.length > 995 || /\s/.test(inside)) return null;
  return inside;
}

/**
 * The Message-IDs a report names as the mail it is about: `Message-ID:` lines of returned headers
 * (a bounce's text/rfc822-headers, or the headers a plain-text bounce quotes) and a read receipt's
 * `Original-Message-ID:` (RFC 8098 §3.2.5). Header lines only, so a body merely mentioning an id
 * is not read as one.
 */
export function messageIdsNamedIn(text: string): string[] {
  const ids = [...text.matchAll(/^[ \t>]*(?:Original-)?Message-ID:[ \t]*(<[^<>\s]+>)/gim)].map((m) => messageIdOf(m[1]));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
