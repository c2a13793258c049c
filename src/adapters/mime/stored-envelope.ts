/**
 * What a stored raw mail says of itself in its header block alone (From, Subject, dates), read
 * up to a bounded number of bytes and never past the blank line: all that is known of a mail
 * whose parsing never finished (an ingest job quarantined before the mail was parsed,
 * docs/limits.md). Null when the bytes hold no header block that looks like mail.
 */
import type { Readable } from 'node:stream';
import { headerBlockOf } from '../../domain/mail/raw-header.js';
import type { HeaderLine } from './header-text.js';
import { looksLikeMail, readEnvelope, type Envelope } from './message-envelope.js';

/** A real header block is a few KB; past this the rest is not read. */
const MAX_HEADER_BYTES = 64 * 1024;

export async function readStoredEnvelope(source: Readable, maxBytes = MAX_HEADER_BYTES): Promise<Envelope | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(bytes);
      size += bytes.length;
      if (size >= maxBytes || /\r?\n\r?\n/.test(bytes.toString('latin1'))) break;
    }
  } finally {
    source.destroy();
  }
  const lines = headerLines(headerBlockOf(Buffer.concat(chunks).subarray(0, maxBytes)));
  return looksLikeMail(lines) ? readEnvelope(lines) : null;
}

/** Folded header lines, one per field, as mailparser hands them out (a byte per char). */
function headerLines(block: string): HeaderLine[] {
  const lines: HeaderLine[] = [];
  for (const physical of block.split(/\r?\n/)) {
    const last = lines.at(-1);
    if (/^[ \t]/.test(physical) && last) last.line += `\r\n${physical}`;
    else if (physical.includes(':')) lines.push({ key: physical.slice(0, physical.indexOf(':')).trim().toLowerCase(), line: physical });
  }
  return lines;
}
