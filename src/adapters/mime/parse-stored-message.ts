/**
 * Reads one stored raw message into the plain-data ParsedMessage that every later stage uses,
 * streaming: attachments (and forwarded messages) go to the blob store as they are read, so a
 * 200 MB video costs no more memory than a 20 KB form.
 */
import type { Logger } from 'pino';
import type { DownloadLink, ParsedMessage } from '../../domain/mail/message.js';
import { parseLevel, type ParseLimits } from './parse-level.js';
import { BlobWriteError, type PutBlob } from './store-attachment.js';

export type { ParseLimits } from './parse-level.js';
export type { PutBlob } from './store-attachment.js';
export { UnreadableMessageError } from './unreadable-message-error.js';

export interface ParseStoredMessageOptions {
  /** The raw message (RFC 5322 bytes). */
  source: NodeJS.ReadableStream;
  /** Stores one attachment stream; must consume it with backpressure and reject if it errors. */
  putBlob: PutBlob;
  limits?: Partial<ParseLimits>;
  logger: Pick<Logger, 'warn' | 'debug'>;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({ maxNestingDepth: 3, maxTextBytes: 64 * 1024 });

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  return cut.endsWith('\ufffd') ? cut.slice(0, -1) : cut;
}

function uniqueByUrl(links: DownloadLink[]): DownloadLink[] {
  const seen = new Map<string, DownloadLink>();
  for (const link of links) if (!seen.has(link.url)) seen.set(link.url, link);
  return [...seen.values()];
}

/**
 * Parses a stored message. Rejects with UnreadableMessageError when the input is not mail at all
 * (record it as `unreadable`), and with the blob store's or the source's own error when those fail
 * (retry); damaged but readable mail always resolves, with `parseWarnings` saying what was wrong.
 */
export async function parseStoredMessage(options: ParseStoredMessageOptions): Promise<ParsedMessage> {
  const limits: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
  let level;
  try {
    level = await parseLevel(options.source, { putBlob: options.putBlob, limits, logger: options.logger, depth: 0 });
  } catch (err) {
    if (err instanceof BlobWriteError && err.cause) throw err.cause;
    throw err;
  }
  return {
    ...level.envelope,
    text: truncateUtf8(level.text, limits.maxTextBytes),
    attachments: level.attachments,
    links: uniqueByUrl(level.links),
    parseWarnings: level.warnings,
    unopened: level.unopened,
    deliveryStatus: level.deliveryStatus,
    returnedMessageIds: level.returnedMessageIds,
  };
}
