/**
 * Machine mail (newsletters, read receipts, system notices, auto-replies) is never answered;
 * when nothing ties it to the call it is not kept either. An auto-reply to the worker's own
 * reply, or a list mail carrying a unit's form, stays as it was.
 */
import type { MessageRepo } from '../../adapters/store/message-repo.js';
import type { ParsedMessage } from '../../domain/mail/message.js';
import { leaveAlone, type LeaveAloneDeps } from './leave-alone.js';
import { relevanceOf, type RelevanceDeps } from './relevance-of.js';

export interface MachineMailDeps extends LeaveAloneDeps {
  messages: LeaveAloneDeps['messages'] & Pick<MessageRepo, 'get'>;
  relevance: RelevanceDeps;
}

/** Kinds judged here: the ones that never reach validation and hold nothing the worker needs. */
export const LEFT_ALONE_WHEN_UNRELATED: ReadonlySet<string> = new Set(['list', 'auto_reply']);

export async function settleMachineMail(messageId: string, deps: MachineMailDeps): Promise<void> {
  const row = await deps.messages.get(messageId);
  if (!row?.parsed_json || !LEFT_ALONE_WHEN_UNRELATED.has(row.kind ?? '')) return;
  const { parsed } = JSON.parse(row.parsed_json) as { parsed: ParsedMessage };
  const relevance = await relevanceOf(parsed, deps.relevance);
  if (!relevance.related) await leaveAlone(messageId, relevance.detail, deps);
}
