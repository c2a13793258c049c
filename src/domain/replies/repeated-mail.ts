/**
 * "The same mail again" (docs/trust.md, "No loops"): identical bodies from one sender within a
 * day are answered at most once, so a robot that resends what it got, or a client stuck resending,
 * gets one reply, not one per copy. The files count as part of the body: a unit that sends its
 * corrected form with the same covering words ("附件是推荐表，请查收") is answered again. Pure.
 */
import type { ParsedMessage } from '../mail/message.js';

export type MailBody = Pick<ParsedMessage, 'text' | 'attachments'>;

/** A comparable key: the text without white space (a client re-wrapping lines changes nothing), then the files' hashes in order. */
export function bodyKey(mail: MailBody): string {
  const text = mail.text.replace(/\s+/g, '');
  const files = mail.attachments.map((a) => a.sha256).sort();
  return `${text}\u0000${files.join(',')}`;
}

/** Whether this mail repeats one already answered (the caller passes the mails answered for the same sender within the day). */
export function repeatsAnsweredMail(mail: MailBody, answered: readonly MailBody[]): boolean {
  const key = bodyKey(mail);
  return answered.some((a) => bodyKey(a) === key);
}
