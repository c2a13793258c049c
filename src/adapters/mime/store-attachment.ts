/**
 * One attachment stream from mailparser into the blob store, sniffed while it flows. A forwarded
 * message (message/rfc822) is stored whole and, in the same pass, parsed as a message of its own
 * so that the files it carries are found too.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { AttachmentStream, StructuredHeader } from 'mailparser';
import type { AttachmentInfo } from '../../domain/mail/message.js';
import { SNIFF_BYTES, sniffMagic } from '../../domain/files/magic-bytes.js';
import { attachmentName } from './attachment-name.js';
import { HeadCapture } from './byte-capture.js';
import type { LevelResult } from './parse-level.js';
import type { UnreadableMessageError } from './unreadable-message-error.js';

export type PutBlob = (stream: NodeJS.ReadableStream) => Promise<{ sha256: string; size: number }>;

/** The blob store failed: not a property of the message, so it must reach the caller (and the queue's retry). */
export class BlobWriteError extends Error {
  override readonly name = 'BlobWriteError';
}

export interface StoredPart {
  attachment: AttachmentInfo;
  /** Text of a message/delivery-status part (RFC 3464), for the bounce classifier. */
  deliveryStatus: string | null;
  /**
   * Text of a part that names the mail a report is about: the returned headers of a bounce
   * (text/rfc822-headers, RFC 6522) or a read receipt's fields (message/disposition-notification,
   * RFC 8098, with its Original-Message-ID).
   */
  reportText: string | null;
  /** The forwarded message's own result when it was opened (an error when it is not mail), else null. */
  nested: LevelResult | UnreadableMessageError | null;
}

export interface StoreContext {
  putBlob: PutBlob;
  maxTextBytes: number;
  /** Parses a forwarded message, or null when the nesting bound is reached. */
  openNested: ((source: Readable) => Promise<LevelResult | UnreadableMessageError>) | null;
}

const REPORT_TYPES: ReadonlySet<string> = new Set(['text/rfc822-headers', 'message/rfc822-headers', 'message/disposition-notification']);

function declaredTypeOf(item: AttachmentStream): string {
  const header = item.headers.get('content-type') as StructuredHeader | undefined;
  const value = typeof header === 'object' && header && 'value' in header ? header.value : item.contentType;
  return (value || 'application/octet-stream').toLowerCase().trim();
}

async function putBlobGuarded(putBlob: PutBlob, stream: NodeJS.ReadableStream): Promise<{ sha256: string; size: number }> {
  try {
    return await putBlob(stream);
  } catch (err) {
    throw new BlobWriteError(`blob store failed: ${(err as Error).message}`, { cause: err });
  }
}

export async function storeAttachment(item: AttachmentStream, ctx: StoreContext): Promise<StoredPart> {
  // A message that is one single non-multipart file has no part number; IMAP calls that part 1.
  const part = item.partId ?? '1';
  const declaredType = declaredTypeOf(item);
  const isStatus = declaredType === 'message/delivery-status';
  const isReport = REPORT_TYPES.has(declaredType);
  const capture = new HeadCapture(isStatus || isReport ? Math.max(ctx.maxTextBytes, SNIFF_BYTES) : SNIFF_BYTES);
  const content = item.content;
  content.on('error', (err) => capture.destroy(err));

  let nested: Promise<LevelResult | UnreadableMessageError | null> = Promise.resolve(null);
  if (declaredType === 'message/rfc822' && ctx.openNested) {
    // pipe() to two destinations waits for the slower one, so backpressure still holds.
    const copy = new PassThrough();
    content.on('error', (err) => copy.destroy(err));
    content.pipe(copy);
    nested = ctx.openNested(copy);
  }
  content.pipe(capture);
  const [blob, nestedResult] = await Promise.all([putBlobGuarded(ctx.putBlob, capture), nested]);

  const head = capture.head();
  const sniffed = sniffMagic(head.subarray(0, SNIFF_BYTES));
  return {
    attachment: {
      part,
      filename: attachmentName(item, part, declaredType, sniffed),
      declaredType,
      sniffedType: sniffed,
      size: blob.size,
      sha256: blob.sha256,
      nestedIn: null,
    },
    deliveryStatus: isStatus ? head.toString('utf8') : null,
    reportText: isReport ? head.toString('utf8') : null,
    nested: nestedResult,
  };
}
