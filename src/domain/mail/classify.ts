/**
 * Which messages may be answered. Only a `submission` ever gets a reply: answering our own mail,
 * a bounce, an auto-reply or a list would start a mail loop or spam people (RFC 3834 §2). The
 * checks run from the surest signal to the weakest. Pure.
 */
import type { Classification, ParsedMessage } from './message.js';
import { readBounceDetails } from './classify-bounce.js';
import { isMachineNotice } from './classify-notice.js';
import { asksSomething, bringsNothingNew, isInOurThread, questionExcerpt } from './thread-follow-up.js';

export interface ClassifyContext {
  /** The submission mailbox's own address. */
  mailboxAddress: string;
  /** In-Reply-To or References names one of our own replies (looked up by the caller). */
  referencesOurMail?: boolean;
  /** The mail's files (SHA-256) already exchanged with its sender: sent by them before, or by us to them (looked up by the caller). */
  exchangedFiles?: ReadonlySet<string>;
}

const header = (msg: ParsedMessage, name: string): string | null => {
  const value = msg.headers[name];
  return value === undefined ? null : value.trim();
};

/** Reply/forward prefixes clients put before an auto-reply's own prefix (`自动回复: Re: …` has none, `Re: 自动回复: …` does). */
const AUTO_SUBJECT = /^(?:\[|【)?\s*(自动回复|自动答复|自動回覆|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (?:the )?office|外出|休假|不在办公室)\s*(?:[:：\]】-]|$)/i;

const BOUNCE_SUBJECT = /^(undeliverable|undelivered mail|delivery status notification \((failure|delay)\)|mail delivery failed|returned mail|delivery failure|failure notice|系统退信|退信|邮件投递失败|邮件发送失败|无法投递)/i;

const DAEMON_FROM = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const DAEMON_NAME = /mail delivery (system|subsystem)|mailer-daemon|系统退信|postmaster/i;

function isBounce(msg: ParsedMessage): string | null {
  const contentType = header(msg, 'content-type') ?? '';
  if (msg.topContentType === 'multipart/report' && /report-type\s*=\s*"?delivery-status/i.test(contentType)) {
    return 'A delivery status report (multipart/report; report-type=delivery-status).';
  }
  if (header(msg, 'x-failed-recipients')) return 'Carries X-Failed-Recipients: a delivery failure notice.';
  const returnPath = header(msg, 'return-path');
  const daemon = DAEMON_FROM.test(msg.from.address) || DAEMON_NAME.test(msg.from.name);
  if (returnPath !== null && /^<\s*>$/.test(returnPath) && daemon) {
    return 'Sent with an empty Return-Path by a mail system (MAILER-DAEMON / postmaster).';
  }
  if (BOUNCE_SUBJECT.test(msg.subject)) return `Subject "${msg.subject}" is a delivery failure notice.`;
  return null;
}

function isAutoReply(msg: ParsedMessage): string | null {
  const autoSubmitted = header(msg, 'auto-submitted');
  // RFC 3834 §5: any value other than "no" (with or without a comment) marks machine mail.
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) return `Auto-Submitted: ${autoSubmitted}.`;
  if (header(msg, 'x-autoreply') !== null) return 'Carries X-Autoreply.';
  if (header(msg, 'x-autorespond') !== null) return 'Carries X-Autorespond.';
  const precedence = (header(msg, 'precedence') ?? '').toLowerCase();
  if (['auto_reply', 'bulk', 'junk'].includes(precedence)) return `Precedence: ${precedence}.`;
  if (AUTO_SUBJECT.test(msg.subject)) {
    const suppress = header(msg, 'x-auto-response-suppress');
    return suppress
      ? `Out-of-office reply: subject "${msg.subject}" with X-Auto-Response-Suppress: ${suppress}.`
      : `Subject "${msg.subject}" is an automatic reply.`;
  }
  return null;
}

function isList(msg: ParsedMessage): string | null {
  if (header(msg, 'list-id')) return 'A mailing-list message (List-Id).';
  if (header(msg, 'list-unsubscribe')) return 'A mailing-list message (List-Unsubscribe).';
  if ((header(msg, 'precedence') ?? '').toLowerCase() === 'list') return 'Precedence: list.';
  return null;
}

export function classifyMessage(msg: ParsedMessage, ctx: ClassifyContext): Classification {
  if (header(msg, 'x-inbox-worker') !== null) {
    return { kind: 'own', reason: 'Carries X-Inbox-Worker: one of our own replies or digests.' };
  }
  if (msg.from.address && msg.from.address === ctx.mailboxAddress.trim().toLowerCase()) {
    return { kind: 'own', reason: 'Sent from the submission mailbox itself.' };
  }
  // Before bounces: a delay report is a delivery-status report too, but nothing failed.
  const notice = isMachineNotice(msg);
  if (notice) return notice.reportsOn ? { kind: 'auto_reply', reason: notice.reason, reportsOn: notice.reportsOn } : { kind: 'auto_reply', reason: notice.reason };
  const bounce = isBounce(msg);
  if (bounce) return { kind: 'bounce', reason: bounce, bounce: readBounceDetails(msg, ctx.mailboxAddress) };
  const autoReply = isAutoReply(msg);
  if (autoReply) return { kind: 'auto_reply', reason: autoReply };
  const list = isList(msg);
  if (list) return { kind: 'list', reason: list };
  // Last: a mail of ours answered with nothing new in it. Answering it could loop with a robot
  // that does not say it is one (docs/trust.md, "No loops").
  if (isInOurThread(msg, ctx.referencesOurMail === true) && bringsNothingNew(msg, ctx.exchangedFiles)) {
    const reason = msg.attachments.length === 0
      ? 'A reply in one of our threads with no attachment and no link: not answered automatically.'
      : 'A reply in one of our threads whose files were all exchanged with the sender before (ours sent back, or theirs again): not answered automatically.';
    return asksSomething(msg.text) ? { kind: 'follow_up', reason, question: questionExcerpt(msg.text) } : { kind: 'follow_up', reason };
  }
  return { kind: 'submission', reason: 'Written by a person: no sign of machine mail.' };
}
