/**
 * The header fields of a ParsedMessage (addresses, subject, dates, thread ids, the headers the
 * classifier reads), built from the raw header lines rather than mailparser's parsed copy so that
 * raw GBK bytes in a Subject or a display name come out as Chinese, not as U+FFFD.
 */
import addressparser from 'nodemailer/lib/addressparser';
import type { Address, ParsedMessage } from '../../domain/mail/message.js';
import { newestReceivedAt, parseMailDate } from '../../domain/mail/mail-dates.js';
import { messageIdOf, messageIdsIn } from '../../domain/mail/message-id.js';
import { decodeEncodedWords, readHeaderValues, type HeaderLine } from './header-text.js';

/** Headers kept for classification and for a person reading a message's record. */
const KEPT_HEADERS = [
  'auto-submitted', 'x-autoreply', 'x-autorespond', 'x-autoresponder', 'precedence', 'list-id', 'list-unsubscribe',
  'list-post', 'return-path', 'x-failed-recipients', 'x-inbox-worker', 'content-type', 'auto-response-suppress',
  'x-auto-response-suppress', 'from', 'sender', 'reply-to', 'to', 'subject', 'x-mailer', 'user-agent',
  'delivered-to', 'x-original-to', 'x-ms-exchange-generated-message-source', 'authentication-results',
];

export type Envelope = Omit<ParsedMessage, 'text' | 'attachments' | 'links' | 'parseWarnings'>;

function addresses(value: string | undefined): Address[] {
  if (!value) return [];
  // Groups are flattened: a reply goes to mailboxes, never to a group name.
  return addressparser(value, { flatten: true }).map((entry) => ({
    address: (entry.address ?? '').trim().toLowerCase(),
    name: decodeEncodedWords(entry.name ?? '').trim(),
  }));
}

export function readEnvelope(lines: readonly HeaderLine[]): Envelope {
  const values = readHeaderValues(lines);
  const first = (name: string): string | undefined => values.get(name)?.[0];
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const all = values.get(name);
    if (all?.length) headers[name] = all.map(decodeEncodedWords).join('\n');
  }
  const contentType = (first('content-type') ?? '').split(';')[0]?.trim().toLowerCase() || 'text/plain';
  return {
    messageId: messageIdOf(first('message-id')),
    from: addresses(first('from'))[0] ?? addresses(first('sender'))[0] ?? { address: '', name: '' },
    replyTo: addresses(first('reply-to')),
    to: (values.get('to') ?? []).flatMap(addresses),
    cc: (values.get('cc') ?? []).flatMap(addresses),
    subject: decodeEncodedWords(first('subject') ?? '').replace(/\s+/g, ' ').trim(),
    sentAt: parseMailDate(first('date')),
    receivedAt: newestReceivedAt(values.get('received') ?? []),
    inReplyTo: messageIdsIn(first('in-reply-to') ?? '')[0] ?? null,
    references: (values.get('references') ?? []).flatMap(messageIdsIn),
    headers,
    topContentType: contentType,
  };
}

/** True when the header block looks like mail at all (else the input is not a message). */
export function looksLikeMail(lines: readonly HeaderLine[]): boolean {
  const mailHeaders = new Set(['from', 'to', 'date', 'subject', 'message-id', 'received', 'mime-version', 'return-path', 'sender', 'content-type']);
  return lines.some(({ key }) => mailHeaders.has(key.toLowerCase().trim()));
}
