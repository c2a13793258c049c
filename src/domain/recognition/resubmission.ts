/**
 * Whether a message answers one of our own replies: a unit that received a correction request
 * (修改通知) and answers it sends a new version of that submission (docs/forms.md, "Which deliverable
 * it is"). Threading follows RFC 5322 §3.6.4: In-Reply-To names the message answered, References
 * the chain back to the thread's start. Pure: our earlier replies are looked up through a parameter.
 */
import { bareMessageId, messageIdsIn } from '../mail/message-id.js';

export interface ThreadHeaders {
  inReplyTo: string | null;
  references: readonly string[];
}

/** Our reply's Message-ID (normalised) → the submission it answered. */
export type ReplyLookup = ReadonlyMap<string, string> | ((messageId: string) => string | null | undefined);

export interface RepliedSubmission {
  /** Reference of the submission whose new version this message is. */
  submission: string;
  /** The Message-ID of our reply that the message points to. */
  viaMessageId: string;
}


/** Ids this message points back to, nearest first: In-Reply-To, then References from the newest. */
export function referencedIds(headers: ThreadHeaders): string[] {
  const fromReferences = headers.references.flatMap(messageIdsIn).reverse();
  const fromInReplyTo = headers.inReplyTo ? messageIdsIn(headers.inReplyTo) : [];
  return [...new Set([...fromInReplyTo, ...fromReferences])];
}

/**
 * The submission this message is a new version of, when it replies to one of our replies (directly,
 * or further down the same thread), else null. The nearest of our replies wins.
 */
export function findRepliedSubmission(headers: ThreadHeaders, ourReplies: ReplyLookup): RepliedSubmission | null {
  const lookup = typeof ourReplies === 'function' ? ourReplies : (id: string) => ourReplies.get(id);
  for (const id of referencedIds(headers)) {
    const submission = lookup(id);
    if (submission) return { submission, viaMessageId: id };
  }
  return null;
}

/**
 * A key shared by every message of one thread: the first id of References (the thread's root),
 * else In-Reply-To, else the message's own id. Null when a message has none of them.
 */
export function threadKey(headers: ThreadHeaders & { messageId: string | null }): string | null {
  const root = headers.references.flatMap(messageIdsIn)[0];
  if (root) return root;
  const parent = headers.inReplyTo ? messageIdsIn(headers.inReplyTo)[0] : undefined;
  if (parent) return parent;
  return headers.messageId ? bareMessageId(headers.messageId) : null;
}
