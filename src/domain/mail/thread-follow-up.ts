/**
 * A mail in one of our own threads that brings nothing new (docs/trust.md, "No loops"): a reply
 * to our 回执 or 修改通知 with no download link and no file but those already exchanged with its
 * sender (ours sent back, or theirs sent again). Answering it would start a loop
 * with any auto-responder that does not mark itself (no Auto-Submitted header, RFC 3834 §5), and
 * a correction request for "no form" would be answered by the same robot again. So it is never
 * answered automatically; when a person seems to ask something, the coordinator is told. Pure.
 */
import type { ParsedMessage } from './message.js';

/** The tags our reply subjects carry (domain/replies/phrases-*.ts); a naive responder keeps them after `Re:`. */
const OUR_SUBJECT_TAG = /【(?:回执|修改通知)】|\[(?:Receipt|Correction needed|Materials missing)\]/i;

/** Whether the mail answers one of ours: it names one of our Message-IDs, or keeps our subject tag. */
export function isInOurThread(msg: Pick<ParsedMessage, 'subject'>, referencesOurMail: boolean): boolean {
  return referencesOurMail || OUR_SUBJECT_TAG.test(msg.subject);
}

/**
 * True when the mail brings nothing new to judge: no link to a file, and every file (by SHA-256)
 * is one already exchanged with the sender — an auto-responder that attaches our annotated
 * workbook, the unit's own form or a file of its own to each answer would otherwise be answered
 * every time, each answer a new mail to answer.
 */
export function bringsNothingNew(msg: Pick<ParsedMessage, 'attachments' | 'links'>, exchangedFiles: ReadonlySet<string> = new Set()): boolean {
  return msg.links.length === 0 && msg.attachments.every((a) => exchangedFiles.has(a.sha256));
}

/**
 * Where the quoted original begins: the first line a mail client puts before it (Outlook, Foxmail,
 * QQ, NetEase, Coremail, Gmail, Apple Mail), or the first `>` line.
 */
const QUOTE_START = /^(?:>|-{2,}\s*(?:原始邮件|Original Message|Forwarded message|转发邮件)|_{5,}|发件人[:：]|From:\s|在\s?.{0,80}写道[:：]?\s*$|On .{0,120} wrote:\s*$)/im;

/** The text the sender wrote, without the quoted mail below it; at most 4 KiB is looked at. */
export function ownText(text: string): string {
  const head = text.slice(0, 4096);
  const quote = QUOTE_START.exec(head);
  return (quote ? head.slice(0, quote.index) : head).trim();
}

/**
 * The simple rule for "a person seems to ask something": the sender's own text (not the quote)
 * has a question mark or a usual Chinese question word. An auto-responder's fixed sentence seldom
 * does; when one does, the coordinator gets one line in the digest, still no mail is sent.
 */
const QUESTION = /[?？]|请问|是否|能否|可否|怎么|怎样|如何|为什么|为何|什么时候|哪(?:天|里|儿|些|个|位)|多少|吗[\s。！!，,]*$|吗[。！!]/m;

export function asksSomething(text: string): boolean {
  return QUESTION.test(ownText(text));
}

/** A short excerpt of the sender's own text for the coordinator (one line, ≤ 120 characters). */
export function questionExcerpt(text: string): string {
  const flat = ownText(text).replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
