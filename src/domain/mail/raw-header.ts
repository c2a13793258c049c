/**
 * Reading one header straight from raw message bytes, before (and without) a MIME parser:
 * the intake needs the Message-ID to de-duplicate while the message is still only a blob.
 */

/** The header block: everything before the first empty line (RFC 5322 §2.1), decoded as latin1 so bytes survive. */
export function headerBlockOf(head: Buffer): string {
  const text = head.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** The first value of a header, unfolded (RFC 5322 §2.2.3), or null. */
export function rawHeaderValue(block: string, name: string): string | null {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const wanted = name.toLowerCase();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return null;
}

