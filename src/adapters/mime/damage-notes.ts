/**
 * Notes for `parseWarnings`: signs that a message was damaged or written against the standards,
 * found after mailparser has salvaged what it could. They let a person see why a name or a body
 * looks odd, and let tests pin that broken mail was read rather than rejected.
 */
import type { HeaderLines } from 'mailparser';
import type { Envelope } from './message-envelope.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface DamageEvidence {
  lines: HeaderLines;
  envelope: Envelope;
  /** The last bytes of the raw message. */
  tail: Buffer;
  text: string;
  textConversionError?: Error | undefined;
}

export function describeDamage(evidence: DamageEvidence): string[] {
  const notes: string[] = [];
  for (const { key, line } of evidence.lines) {
    const bytes = Buffer.from(line, 'latin1');
    // RFC 5322 headers are ASCII; raw GBK bytes (old Foxmail/Outlook) are read as GB18030 instead.
    if (bytes.some((b) => b >= 0x80) && !isUtf8(bytes)) {
      notes.push(`Header ${key} carries raw 8-bit bytes without RFC 2047 encoding; read as GB18030.`);
    }
  }
  const contentType = evidence.envelope.headers['content-type'] ?? '';
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const name = boundary?.[1] ?? boundary?.[2];
  if (evidence.envelope.topContentType.startsWith('multipart/') && name) {
    if (!evidence.tail.toString('latin1').includes(`--${name}--`)) {
      notes.push('The message ends without its closing MIME boundary; it may be truncated.');
    }
  }
  if (evidence.text.includes('\ufffd')) {
    notes.push('Some body text could not be decoded (a wrong or missing charset label).');
  }
  if (evidence.textConversionError) {
    notes.push(`The HTML body could not be turned into text: ${evidence.textConversionError.message}.`);
  }
  return notes;
}
