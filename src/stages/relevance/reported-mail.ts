/**
 * Reports about another mail — bounces, delivery-delay reports, read receipts — are the call's
 * only when they report on the worker's own mail (docs/relevance.md, "Reports about a mail").
 * Any other is the coordinator's business: left alone and not kept, so a bounce of her private
 * mail suppresses nobody and never reaches 需要您处理.
 */
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';
import type { MessageRepo } from '../../adapters/store/message-repo.js';
import { originalMessageIds } from '../../domain/mail/classify-bounce.js';
import type { Classification, ParsedMessage } from '../../domain/mail/message.js';
import { judgeReport } from '../../domain/recognition/index.js';
import { leaveAlone, type LeaveAloneDeps } from './leave-alone.js';

export interface ReportedMailDeps extends LeaveAloneDeps {
  messages: LeaveAloneDeps['messages'] & Pick<MessageRepo, 'get'>;
  outbox: Pick<OutboxRepo, 'wroteAnyOf' | 'wroteTo'>;
}

/** Whether the verdict is a report about another mail, judged here rather than by the call's words. */
export function isReport(verdict: Classification): boolean {
  return verdict.kind === 'bounce' || (verdict.kind === 'auto_reply' && verdict.reportsOn !== undefined);
}

/** True when the report is about the worker's mail (the caller goes on); otherwise the mail is left alone. */
export async function settleReport(messageId: string, verdict: Classification, deps: ReportedMailDeps): Promise<boolean> {
  const row = await deps.messages.get(messageId);
  if (!row?.parsed_json) return false; // already left alone (a re-run of the job)
  const { parsed } = JSON.parse(row.parsed_json) as { parsed: ParsedMessage };
  const ids = originalMessageIds(parsed).slice(0, 50);
  const recipient = verdict.kind === 'bounce' ? verdict.bounce?.recipient ?? null : null;
  const relevance = judgeReport({
    originalMessageIds: ids,
    workerWroteOriginal: await deps.outbox.wroteAnyOf(ids),
    recipient,
    workerWroteToRecipient: recipient !== null && (await deps.outbox.wroteTo(recipient)),
  });
  if (!relevance.related) await leaveAlone(messageId, relevance.detail, deps);
  return relevance.related;
}
