/**
 * What the coordinator reads when a job stopped the process twice and was quarantined
 * (docs/limits.md, "A job that stopped the process twice"): the incident says the job will not
 * run again, and, for a mail whose ingest died before it was parsed, which mail it was — read
 * from its stored header block alone — and that its sender was not answered.
 */
import { shanghaiDateTime } from '../time/shanghai-time.js';
import type { ParsedMessage } from './message.js';

const QUARANTINED = '处理这项任务时工作进程两次中断（可能是某个附件导致），任务已隔离，不再自动重试。请人工查看这封邮件，必要时请单位重新发送。';
const UNREADABLE = '（无法读出）';

/** The incident's text: the quarantine, then what is known of its mail, if anything. */
export function quarantinedJobDetail(aboutMail: string | null): string {
  return [QUARANTINED, aboutMail].filter(Boolean).join('');
}

/** A stored mail that was never parsed: its header block as far as it could be read, and our own times. */
export interface UnparsedMail {
  /** What the header block says; null when it holds nothing that looks like mail. */
  envelope: Pick<ParsedMessage, 'from' | 'subject' | 'sentAt'> | null;
  /** The IMAP internal date (ISO-8601 UTC), null for mail that did not come over IMAP. */
  internalDate: string | null;
  /** When we stored it (ISO-8601 UTC). */
  storedAt: string;
}

/** Which mail it was, and why nobody was written to: whether it is the call's is only known once it is parsed (docs/relevance.md). */
export function unparsedMailDetail({ envelope, internalDate, storedAt }: UnparsedMail): string {
  const from = envelope?.from.address ? `${envelope.from.name ? `${envelope.from.name} ` : ''}<${envelope.from.address}>` : UNREADABLE;
  const subject = envelope?.subject ? `“${envelope.subject}”` : UNREADABLE;
  const at = internalDate ?? envelope?.sentAt ?? storedAt;
  return `这封邮件未能读完（发件人 ${from}，主题 ${subject}，收到时间 ${shanghaiDateTime(at)}）。因为无法判断它是否与本次征集有关，程序没有给发件人回信；如确为单位提交，请您直接联系对方。`;
}
