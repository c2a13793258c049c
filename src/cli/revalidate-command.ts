/**
 * `inbox-worker revalidate`: after a rule or config change, judge every stored submission again
 * through the same path as the validate job and update its versions in place. Nothing is
 * numbered anew and nothing is sent.
 */
import type { App } from '../app/build-app.js';
import { versionIdOf } from '../adapters/store/submission-repo.js';
import { judgeStoredMail } from '../stages/validate/judge-stored-mail.js';

export interface RevalidateSummary {
  messages: number;
  versions: number;
  changed: { versionId: string; deliverable: string; from: string; to: string }[];
}

export async function revalidate(app: App, now: () => Date = () => new Date()): Promise<RevalidateSummary> {
  const { store, blobs, config, reader } = app;
  const byMessage = new Map<string, Set<string>>();
  for (const v of await store.submissions.allVersionIdsByMessage()) byMessage.set(v.message_id, (byMessage.get(v.message_id) ?? new Set()).add(v.deliverable));
  const learned = await store.learnedAddresses.all();
  const summary: RevalidateSummary = { messages: byMessage.size, versions: 0, changed: [] };
  for (const [messageId, deliverables] of byMessage) {
    const message = await store.messages.getIngested(messageId);
    if (!message) continue;
    const { judgement } = await judgeStoredMail(message, { config, blobs, reader, submissions: store.submissions, learnedAddresses: async () => learned });
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
