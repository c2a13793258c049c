/**
 * The plain-data picture of one stored message, as the ingest job records it and as every later
 * stage (recognition, validation, replies, the digest) reads it. No library types leak in here.
 */

/**
 * What a message is, as far as answering it goes. Only `submission` is ever answered. The last two
 * are decided after classification: `unrelated` — nothing ties it to the call, so it is left alone
 * and not kept (docs/relevance.md); `before_opening` — received before the call opened (an old
 * mail given to `import`): stored, never judged, answered or reminded. A `follow_up` is a reply in
 * one of our threads that brings no file: never answered, shown to the coordinator when it asks
 * something (thread-follow-up.ts).
 */
export type MessageKind = 'submission' | 'bounce' | 'auto_reply' | 'list' | 'own' | 'unreadable' | 'unrelated' | 'before_opening' | 'follow_up';

export interface Address {
  /** Lower-cased address; empty string when the header held none (e.g. `From: <>`). */
  address: string;
  name: string;
}

/** One attachment (or inline file) of a message, stored in the blob store under `sha256`. */
export interface AttachmentInfo {
  /** MIME part path inside the message, e.g. `2` or `3.1`; unique within a message. */
  part: string;
  /** The sender's file name decoded to Unicode (GBK/GB18030, RFC 2047, RFC 2231); metadata only, never a path. */
  filename: string;
  /** Content-Type as the sender declared it (lower case, no parameters). */
  declaredType: string;
  /** Type sniffed from the first bytes, e.g. `xlsx`, `xls-cfb`, `zip`, `pdf`, `jpeg`, `unknown`. */
  sniffedType: string;
  size: number;
  sha256: string;
  /** Part path of the enclosing `message/rfc822` when the file came from a forwarded message. */
  nestedIn: string | null;
}

/** A link in the body to a file kept elsewhere: cloud drives, "超大附件" large-attachment pages. */
export interface DownloadLink {
  url: string;
  /** `large_attachment`, `cloud_drive` or `other`. */
  kind: 'large_attachment' | 'cloud_drive' | 'other';
  /** Provider name when known (e.g. `baidu`, `coremail`), for the coordinator's eyes. */
  provider: string | null;
  /** File name shown next to the link, when the body gives one. */
  label: string | null;
}

/**
 * A part of the mail that was not opened, so the unit can be told (docs/trust.md, "Say what was
 * not read"): the parser's limit on MIME parts was reached, or a forwarded message sat deeper
 * than the nesting limit.
 */
export interface UnopenedPart {
  reason: 'too_many_parts' | 'nested_too_deep';
  /** MIME part path of the forwarded message; null for the parts after the limit (they have no name). */
  part: string | null;
  /** The forwarded message's file name; for `too_many_parts`, empty. */
  name: string;
  /** For `too_many_parts`: how many attachments were read before parsing stopped. */
  read?: number;
}

export interface ParsedMessage {
  /** Message-ID without angle brackets, or null when the message has none. */
  messageId: string | null;
  from: Address;
  replyTo: Address[];
  to: Address[];
  cc: Address[];
  subject: string;
  /** The Date header as ISO-8601 UTC, or null when absent or unreadable. */
  sentAt: string | null;
  /** The newest `Received:` time as ISO-8601 UTC, or null when no Received header has a date. */
  receivedAt: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Plain text of the body (HTML turned to text when there is no text part), at most 64 KiB. */
  text: string;
  attachments: AttachmentInfo[];
  links: DownloadLink[];
  /** Headers that classification reads, lower-cased names; repeated headers joined by `\n`. */
  headers: Record<string, string>;
  /** Content-Type of the top part (e.g. `multipart/report` for a bounce). */
  topContentType: string;
  /** A note when the MIME structure was damaged but something could still be read. */
  parseWarnings: string[];
  /** Parts left unopened by a parse limit; absent in messages stored before this was recorded. */
  unopened?: UnopenedPart[];
  /**
   * Text of the message/delivery-status part (RFC 3464) when the message is a delivery report,
   * at most 64 KiB; the bounce classifier reads `Final-Recipient:` and `Status:` from it.
   */
  deliveryStatus?: string | null;
  /**
   * Message-IDs of the mail a report returns or is about: the returned original of a bounce
   * (message/rfc822 or text/rfc822-headers) or a read receipt's Original-Message-ID. Empty for
   * most mail; absent in messages stored before this was recorded.
   */
  returnedMessageIds?: string[];
}

/** The verdict of the classifier, with the reason a person can read in the digest. */
export interface Classification {
  kind: MessageKind;
  reason: string;
  /** For bounces: the recipient that failed and the SMTP status (e.g. `5.1.1`), when found. */
  bounce?: {
    recipient: string | null;
    status: string | null;
    permanent: boolean;
    /** Message-IDs of the mail that failed, as far as the bounce names it (absent in bounces recorded before). */
    originalMessageIds?: string[];
  };
  /** A delivery-delay report or a read receipt: it is about another mail, so it is the call's only when that mail is the worker's. */
  reportsOn?: 'delay' | 'read_receipt';
  /** For follow-ups that seem to ask something: the sender's own words, for the coordinator. */
  question?: string;
}
