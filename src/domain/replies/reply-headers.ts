/**
 * The headers that make a reply land in the unit's thread and mark it as automatic:
 * - In-Reply-To / References per RFC 5322 §3.6.4: the parent's References (or, lacking them, its
 *   In-Reply-To) followed by the parent's Message-ID;
 * - Auto-Submitted: auto-replied per RFC 3834 §5, so the unit's own auto-responders stay quiet;
 * - X-Inbox-Worker: 1, so our classifier recognises our own mail if it ever comes back;
 * - a Message-ID on our own domain, from a token the caller derives from the submission and version
 *   (a retried send then reuses the id, and receivers de-duplicate it).
 */
import { bareMessageId, messageIdsIn } from '../mail/message-id.js';
import type { OriginalMessage } from './reply-input.js';

export interface ReplyHeaders {
  'Message-ID': string;
  'In-Reply-To'?: string;
  References?: string;
  'Auto-Submitted': 'auto-replied';
  'X-Inbox-Worker': '1';
}

/** Long threads make References long; keep the root and the newest ids (what mail clients also do). */
const MAX_REFERENCES = 20;

const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/;

/** `<token@ownDomain>`; throws on a token or domain that would make an invalid msg-id (RFC 5322 §3.6.4). */
export function replyMessageId(token: string, ownDomain: string): string {
  if (!DOT_ATOM.test(token)) throw new Error(`reply Message-ID token "${token}" must be a dot-atom (letters, digits, . - _ …)`);
  if (!DOMAIN.test(ownDomain)) throw new Error(`reply Message-ID domain "${ownDomain}" must be a domain name such as bjtu.edu.cn`);
  return `<${token}@${ownDomain}>`;
}

/** The ids of the thread up to and including the message answered, oldest first. */
export function threadChain(original: OriginalMessage): string[] {
  const ancestors = original.references.flatMap(messageIdsIn);
  if (ancestors.length === 0 && original.inReplyTo) ancestors.push(...messageIdsIn(original.inReplyTo).slice(0, 1));
  const own = original.messageId ? bareMessageId(original.messageId) : null;
  const chain = [...new Set([...ancestors, ...(own && !/[\s<>]/.test(own) ? [own] : [])])];
  if (chain.length <= MAX_REFERENCES) return chain;
  return [chain[0]!, ...chain.slice(chain.length - (MAX_REFERENCES - 1))];
}

export function replyHeaders(original: OriginalMessage, messageId: string): ReplyHeaders {
  const headers: ReplyHeaders = { 'Message-ID': messageId, 'Auto-Submitted': 'auto-replied', 'X-Inbox-Worker': '1' };
  const own = original.messageId ? bareMessageId(original.messageId) : null;
  if (own && !/[\s<>]/.test(own)) headers['In-Reply-To'] = `<${own}>`;
  const chain = threadChain(original);
  if (chain.length > 0) headers.References = chain.map((id) => `<${id}>`).join(' ');
  return headers;
}

/** A subject is one header line: no control characters (CR/LF would inject headers), no runaway length. */
export function cleanSubject(subject: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
