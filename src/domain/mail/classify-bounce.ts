/**
 * Who a bounce is about and why, so the digest can say "回执未送达 x@y (5.1.1 用户不存在)".
 * The delivery-status part (RFC 3464) is the surest source; X-Failed-Recipients (Exim, Gmail)
 * next; then the human text, which is all a Coremail "系统退信" gives. Pure.
 */
import type { Classification, ParsedMessage } from './message.js';
import { messageIdsNamedIn } from './message-id.js';

type BounceDetails = NonNullable<Classification['bounce']>;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const ENHANCED_STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

/** `Final-Recipient: rfc822; a@b` (falls back to Original-Recipient) and `Status: 5.1.1` of the first failed recipient. */
function fromDeliveryStatus(text: string): { recipient: string | null; status: string | null } {
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string): string | null => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(unfolded)?.[1]?.trim() ?? null;
  const recipientField = field('Final-Recipient') ?? field('Original-Recipient');
  const recipient = recipientField ? (recipientField.split(';').pop() ?? '').trim().replace(/^<|>$/g, '').toLowerCase() || null : null;
  const status = ENHANCED_STATUS.exec(field('Status') ?? '')?.[1] ?? null;
  return { recipient, status };
}

function fromText(msg: ParsedMessage, mailboxAddress: string): { recipient: string | null; status: string | null; smtpCode: string | null } {
  const ignored = new Set([mailboxAddress.toLowerCase(), msg.from.address]);
  // Chinese bounce texts name the recipient after 收件人; otherwise the first foreign address in the text.
  const labelled = /(?:收件人|收信人|recipient)[^A-Za-z0-9]{0,12}([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/i.exec(msg.text)?.[1];
  const anyAddress = [...msg.text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()).find((a) => !ignored.has(a) && !/^(postmaster|mailer-daemon)@/.test(a));
  return {
    recipient: labelled?.toLowerCase() ?? anyAddress ?? null,
    status: ENHANCED_STATUS.exec(msg.text)?.[1] ?? null,
    smtpCode: /\b([45]\d\d)[\s-]/.exec(msg.text)?.[1] ?? null,
  };
}

export function readBounceDetails(msg: ParsedMessage, mailboxAddress: string): BounceDetails {
  const dsn = msg.deliveryStatus ? fromDeliveryStatus(msg.deliveryStatus) : { recipient: null, status: null };
  const failed = msg.headers['x-failed-recipients']?.split(/[,\s]+/).find((a) => a.includes('@'))?.toLowerCase() ?? null;
  const text = fromText(msg, mailboxAddress);
  const recipient = dsn.recipient ?? failed ?? text.recipient;
  const status = dsn.status ?? text.status;
  // 5.x.x is permanent (RFC 3463 §3.1); without an enhanced code, a 5xx SMTP reply says the same.
  const permanent = status ? status.startsWith('5') : text.smtpCode?.startsWith('5') ?? false;
  return { recipient, status, permanent, originalMessageIds: originalMessageIds(msg) };
}

/**
 * The failed mail's Message-IDs: the returned original or its headers (the parser reads those
 * parts), the headers a plain-text bounce quotes, and the thread headers some servers set.
 */
export function originalMessageIds(msg: ParsedMessage): string[] {
  const thread = [...(msg.inReplyTo ? [msg.inReplyTo] : []), ...msg.references];
  return [...new Set([...(msg.returnedMessageIds ?? []), ...messageIdsNamedIn(msg.text), ...thread])];
}
