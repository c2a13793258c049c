/**
 * Composes the one reply a submission gets: an acknowledgement (回执) or a correction request
 * (修改通知), as subject, plain text, HTML and headers. Pure: ids and time come in as data.
 */
import type { Address } from '../mail/message.js';
import { phrasesFor, type ReplyKind } from './phrases.js';
import { buildReplyBlocks, type BodyOptions } from './reply-body.js';
import { renderHtml, renderText } from './reply-blocks.js';
import { cleanSubject, replyHeaders, replyMessageId, type ReplyHeaders } from './reply-headers.js';
import type { ReplyInput } from './reply-input.js';
import { needsFixing, replyKindOf } from './reply-verdict.js';

export interface ComposeOptions extends Partial<BodyOptions> {
  /** Our mail domain, for the Message-ID (e.g. `bjtu.edu.cn`). */
  ownDomain: string;
  /**
   * Left part of the Message-ID. Derive it from the submission and version (e.g.
   * `reply.R-7K3F9Q.v2`), so a retried job sends the same id.
   */
  messageIdToken: string;
}

export interface ComposedReply {
  kind: ReplyKind;
  /** The unit's address the reply goes to (the From of their mail). */
  to: Address;
  subject: string;
  text: string;
  html: string;
  headers: ReplyHeaders;
}

export function composeReply(input: ReplyInput, options: ComposeOptions): ComposedReply {
  const t = phrasesFor(input.language);
  const kind = replyKindOf(input);
  const names = input.deliverables.map((d) => t.deliverableShort(d.deliverable));
  const what = names.length > 0 ? t.join(names) : t.nothingShort;
  const subject = cleanSubject(t.subject(kind, cleanSubject(input.unitName), what, needsFixing(input), cleanSubject(input.reference)));
  const blocks = buildReplyBlocks(input, kind, t, { maxProblems: options.maxProblems ?? 50, maxNames: options.maxNames ?? 30 });
  return {
    kind,
    to: input.original.from,
    subject,
    text: renderText(blocks),
    html: renderHtml(blocks, input.language),
    headers: replyHeaders(input.original, replyMessageId(options.messageIdToken, options.ownDomain)),
  };
}
