/**
 * `inbox-worker revalidate`: after a rule or config change, judge every stored submission again
 * and update its versions in place. Nothing is numbered anew and nothing is sent.
 */
import type { App } from '../app/build-app.js';
import type { ParsedMessage } from '../domain/mail/message.js';
import { versionIdOf } from '../adapters/store/submission-repo.js';
import { gatherEvidence } from '../stages/validate/gather-evidence.js';
import { judgeWithHistory } from '../stages/validate/judge-with-history.js';

export interface RevalidateSummary {
  messages: number;
  versions: number;
  changed: { versionId: string; deliverable: string; from: string; to: string }[];
}

export async function revalidate(app: App, now: () => Date = () => new Date()): Promise<RevalidateSummary> {
  const { store, blobs, config } = app;
  const byMessage = new Map<string, Set<string>>();
  for (const v of await store.submissions.allVersionIdsByMessage()) byMessage.set(v.message_id, (byMessage.get(v.message_id) ?? new Set()).add(v.deliverable));
  const summary: RevalidateSummary = { messages: byMessage.size, versions: 0, changed: [] };
  for (const [messageId, deliverables] of byMessage) {
    const row = await store.messages.get(messageId);
    if (!row?.parsed_json) continue;
    const { parsed } = JSON.parse(row.parsed_json) as { parsed: ParsedMessage };
    const evidence = await gatherEvidence({
      fromAddress: parsed.from.address,
      subject: parsed.subject,
      receivedAt: row.received_at,
      links: parsed.links,
      attachments: parsed.attachments,
      readBytes: (sha) => blobs.read(sha),
      definitions: Object.values(config.forms.definitions),
    });
    const judgement = await judgeWithHistory(evidence, config, store.submissions);
    for (const verdict of judgement.deliverables) {
      if (!deliverables.has(verdict.deliverable)) continue;
      const versionId = versionIdOf(messageId, verdict.deliverable);
      const before = await store.submissions.version(versionId);
      await store.submissions.replaceJudgement(versionId, verdict, now().toISOString());
      summary.versions += 1;
      if (before && before.status !== verdict.status) summary.changed.push({ versionId, deliverable: verdict.deliverable, from: before.status, to: verdict.status });
    }
  }
  return summary;
}
