/**
 * One message (the stored one, or a forwarded one inside it) through mailparser's streaming
 * MailParser: attachments stream to the blob store one at a time, with backpressure, while the
 * text parts are collected. Damage in the MIME structure is salvaged into warnings; only the blob
 * store's and the source's own failures are thrown, plus UnreadableMessageError for non-mail.
 */
import type { Readable } from 'node:stream';
import { MailParser, type AttachmentStream, type HeaderLines, type MessageText } from 'mailparser';
import type { Logger } from 'pino';
import type { AttachmentInfo, DownloadLink, UnopenedPart } from '../../domain/mail/message.js';
import { findDownloadLinks } from '../../domain/mail/download-links.js';
import { messageIdsNamedIn } from '../../domain/mail/message-id.js';
import { TailCapture } from './byte-capture.js';
import { readEnvelope, looksLikeMail, type Envelope } from './message-envelope.js';
import { storeAttachment, BlobWriteError, type PutBlob } from './store-attachment.js';
import { UnreadableMessageError } from './unreadable-message-error.js';
import { describeDamage } from './damage-notes.js';

export interface ParseLimits {
  /** How deep forwarded messages inside forwarded messages are opened. @defaultValue 3 */
  maxNestingDepth: number;
  /** Longest body text kept, in UTF-8 bytes. @defaultValue 65536 */
  maxTextBytes: number;
}

export interface LevelContext {
  putBlob: PutBlob;
  limits: ParseLimits;
  logger: Pick<Logger, 'warn' | 'debug'>;
  depth: number;
}

export interface LevelResult {
  envelope: Envelope;
  text: string;
  attachments: AttachmentInfo[];
  links: DownloadLink[];
  warnings: string[];
  /** What a limit left unopened, to be told to the unit. */
  unopened: UnopenedPart[];
  deliveryStatus: string | null;
  /** Message-IDs of the mail this one returns or reports on (ParsedMessage.returnedMessageIds). */
  returnedMessageIds: string[];
}

/** mailparser's own limit on MIME nodes (about 990 attachments); past it parsing stops with this message. */
const TOO_MANY_PARTS = /max allowed child nodes/i;

/** HTML larger than this is not turned into text (html-to-text is slow on huge markup); links are still read from it. */
const MAX_HTML_TO_TEXT = 2 * 1024 * 1024;

function parserFor(): MailParser {
  return new MailParser({
    // Every message/rfc822 part is handed to us as a stream, so it is stored and opened by us (bounded depth).
    ignoreEmbedded: true,
    // The DSN part comes as an attachment; its text feeds the bounce classifier.
    keepDeliveryStatus: true,
    // We hash with SHA-256 in the blob store; mailparser's md5 would be a second pass for nothing.
    checksumAlgo: false,
    // Conversions we never read (~45 % of the parse on small mails: docs/library-notes.md, "mailparser: the conversions we turn off"). HTML→text stays on for HTML-only mail.
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
  });
}

export async function parseLevel(source: NodeJS.ReadableStream, ctx: LevelContext): Promise<LevelResult> {
  const parser = parserFor();
  const tail = new TailCapture(2048);
  let headerLines: HeaderLines | null = null;
  let inFlight: Readable | null = null;
  let parseFailure: Error | null = null;
  let sourceFailure: Error | null = null;
  parser.once('headerLines', (lines: HeaderLines) => { headerLines = lines; });
  parser.on('error', (err: Error) => {
    parseFailure ??= err;
    inFlight?.destroy(err);
  });
  source.on('error', (err: Error) => {
    sourceFailure ??= err;
    parser.destroy(err);
  });
  source.pipe(tail).pipe(parser);

  const attachments: AttachmentInfo[] = [];
  const links: DownloadLink[] = [];
  const warnings: string[] = [];
  const unopened: UnopenedPart[] = [];
  const nestedTexts: string[] = [];
  let deliveryStatus: string | null = null;
  const returnedMessageIds: string[] = [];
  let body: MessageText | null = null;
  const openNested = ctx.depth < ctx.limits.maxNestingDepth
    ? (nestedSource: Readable) => parseLevel(nestedSource, { ...ctx, depth: ctx.depth + 1 }).catch((err: unknown) => {
      if (!(err instanceof UnreadableMessageError)) throw err;
      nestedSource.resume(); // keep the outer copy flowing to the blob store
      return err;
    })
    : null;

  try {
    for await (const item of parser as AsyncIterable<AttachmentStream | MessageText>) {
      if (item.type === 'text') {
        body = item;
        continue;
      }
      inFlight = item.content;
      try {
        const stored = await storeAttachment(item, { putBlob: ctx.putBlob, maxTextBytes: ctx.limits.maxTextBytes, openNested });
        attachments.push(stored.attachment);
        deliveryStatus ??= stored.deliveryStatus;
        if (stored.reportText) returnedMessageIds.push(...messageIdsNamedIn(stored.reportText));
        const part = stored.attachment.part;
        if (stored.nested instanceof UnreadableMessageError) {
          warnings.push(`Forwarded message in part ${part} is not readable mail; stored as a file only.`);
        } else if (stored.nested) {
          const nested = stored.nested;
          if (nested.envelope.messageId) returnedMessageIds.push(nested.envelope.messageId);
          attachments.push(...nested.attachments.map((a) => ({ ...a, part: `${part}.${a.part}`, nestedIn: a.nestedIn ? `${part}.${a.nestedIn}` : part })));
          links.push(...nested.links);
          warnings.push(...nested.warnings.map((w) => `In forwarded message ${part}: ${w}`));
          unopened.push(...nested.unopened.map((u) => ({ ...u, part: u.part === null ? null : `${part}.${u.part}`, ...(u.part === null ? { name: stored.attachment.filename } : {}) })));
          if (nested.text) nestedTexts.push(`\n\n--- forwarded message (part ${part}) ---\n${nested.text}`);
        } else if (stored.attachment.declaredType === 'message/rfc822') {
          warnings.push(`Forwarded message in part ${part} is nested deeper than ${ctx.limits.maxNestingDepth} levels; stored but not opened.`);
          unopened.push({ reason: 'nested_too_deep', part, name: stored.attachment.filename });
        }
      } finally {
        inFlight = null;
        item.release?.();
      }
    }
  } catch (err) {
    if (sourceFailure) throw sourceFailure;
    if (err instanceof BlobWriteError && !parseFailure) throw err;
    const reason = (parseFailure ?? (err as Error)).message;
    warnings.push(`MIME parsing stopped early (${reason}); what was read before that is kept.`);
    if (TOO_MANY_PARTS.test(reason)) unopened.push({ reason: 'too_many_parts', part: null, name: '', read: attachments.length });
    ctx.logger.warn({ err: parseFailure ?? err }, 'mail parse stopped early; salvaged what was read');
    source.unpipe?.();
    source.resume();
  }

  const lines: HeaderLines = headerLines ?? [];
  if (!looksLikeMail(lines)) {
    throw new UnreadableMessageError('not a mail message: no mail header fields at the start of the input');
  }
  const envelope = readEnvelope(lines);
  const text = (body?.text ?? '') + nestedTexts.join('');
  const html = body?.html ?? '';
  warnings.push(...describeDamage({ lines, envelope, tail: tail.tail(), text: body?.text ?? '', textConversionError: body?.textConversionError }));
  return {
    envelope,
    text,
    attachments,
    links: [...findDownloadLinks({ text: body?.text ?? '', html }), ...links],
    warnings,
    unopened,
    deliveryStatus,
    returnedMessageIds: [...new Set(returnedMessageIds)],
  };
}
