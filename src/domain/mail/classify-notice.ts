/**
 * Machine notices that are neither bounces nor out-of-office replies but must be ignored like
 * them — never held for the coordinator, never answered:
 * - read receipts: RFC 8098 message disposition notifications (multipart/report;
 *   report-type=disposition-notification), and the plain "已读: …" receipts some clients send;
 * - delivery-delay reports: an RFC 3464 report whose every recipient is `Action: delayed` — the
 *   mail is still being retried, so it is not a bounce and nobody's address is suppressed;
 * - Outlook recall notices ("撤回: …" / "Recall: …") that carry no attachment (a unit that writes
 *   "撤回" in the subject of a mail with the corrected form is sending a submission). Pure.
 */
import type { ParsedMessage } from './message.js';

const RECEIPT_SUBJECT = /^\s*(?:已读|未读|已阅读|已读回执|阅读回执|read|not read|read receipt|disposition notification)\s*[:：]/i;
const RECALL_SUBJECT = /^\s*(?:撤回|召回|recall)\s*[:：]/i;
const DELAY_SUBJECT = /^\s*(?:delivery status notification \(delay\)|delayed mail|delivery delayed|延迟投递|邮件延迟|投递延迟)/i;

export interface MachineNotice {
  reason: string;
  /**
   * Receipts and delay reports are about another mail, so only one about the worker's own mail is
   * the call's (docs/relevance.md). A recall notice is a sender taking back its own mail: judged
   * like any other machine mail (a unit recalling its form is the call's).
   */
  reportsOn: 'delay' | 'read_receipt' | null;
}

export function isMachineNotice(msg: ParsedMessage): MachineNotice | null {
  const contentType = msg.headers['content-type'] ?? '';
  if (msg.topContentType === 'multipart/report' && /report-type\s*=\s*"?disposition-notification/i.test(contentType)) {
    return { reason: 'A read receipt (RFC 8098 disposition notification).', reportsOn: 'read_receipt' };
  }
  if (RECEIPT_SUBJECT.test(msg.subject) && msg.attachments.length === 0) {
    return { reason: `Subject "${msg.subject}" is a read receipt.`, reportsOn: 'read_receipt' };
  }
  if (isDelayReport(msg)) return { reason: 'A delivery-delay report (RFC 3464 Action: delayed): the mail is still being retried.', reportsOn: 'delay' };
  if (RECALL_SUBJECT.test(msg.subject) && msg.attachments.length === 0) return { reason: `Subject "${msg.subject}" is a recall notice (Outlook).`, reportsOn: null };
  return null;
}

function isDelayReport(msg: ParsedMessage): boolean {
  const status = msg.deliveryStatus;
  if (status) {
    const actions = [...status.matchAll(/^Action:\s*([a-z]+)/gim)].map((m) => m[1]!.toLowerCase());
    return actions.length > 0 && actions.every((a) => a === 'delayed');
  }
  return DELAY_SUBJECT.test(msg.subject) && msg.attachments.every((a) => a.declaredType.startsWith('message/') || a.declaredType.startsWith('text/'));
}
