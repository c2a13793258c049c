/**
 * A hard bounce (5.x.x) of our own mail: stop mailing that address and tell the coordinator
 * (RFC 3463 status codes). A soft bounce changes nothing; the next mail may get through.
 */
import type { Classification } from '../../domain/mail/message.js';
import { addressToSuppress } from '../../domain/replies/index.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';

export async function handleBounce(
  messageId: string,
  verdict: Classification,
  deps: { outbox: OutboxRepo; incidents: IncidentRepo; now(): Date },
): Promise<string | null> {
  const address = addressToSuppress(verdict.bounce);
  if (!address) return null;
  const at = deps.now().toISOString();
  await deps.outbox.suppress(address, `hard bounce ${verdict.bounce?.status ?? ''}`.trim(), messageId, at);
  await deps.incidents.record('hard_bounce', address, `发往 ${address} 的邮件被退回（${verdict.bounce?.status ?? '永久性错误'}），已停止向该地址自动发信。`, at);
  return address;
}
