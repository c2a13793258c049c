/**
 * The `validate` job: gather the evidence of a stored submission mail (its workbooks read, its
 * zips listed), judge it, and record one version per deliverable. A file that cannot be read is
 * a recorded problem for the unit, not a retry; a store that is down is thrown and retried.
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { AppConfig } from '../../config/app-config.js';
import type { ParsedMessage } from '../../domain/mail/message.js';
import type { MessageRepo } from '../../adapters/store/message-repo.js';
import type { RecordedVersion, SubmissionRepo } from '../../adapters/store/submission-repo.js';
import { gatherEvidence } from './gather-evidence.js';
import { judgeWithHistory } from './judge-with-history.js';

export interface ValidateJobDeps {
  config: Pick<AppConfig, 'campaign' | 'forms'>;
  blobs: BlobStore;
  messages: MessageRepo;
  submissions: SubmissionRepo;
  /** Hands the recorded versions to the next stage (replies). */
  onJudged(messageId: string, versions: RecordedVersion[]): Promise<void>;
  now(): Date;
  logger: Logger;
}

export function createValidateJob(deps: ValidateJobDeps) {
  return async function validate(messageId: string): Promise<void> {
    const row = await deps.messages.get(messageId);
    if (!row || row.state !== 'ingested') throw new Error(`message ${messageId} is not ingested yet`);
    // Machine mail (bounces, auto-replies, lists, our own) is ignored: never judged, never answered.
    if (row.kind !== 'submission' || !row.parsed_json) return;
    const { parsed } = JSON.parse(row.parsed_json) as { parsed: ParsedMessage };
    const receivedAt = row.received_at ?? row.internal_date ?? row.stored_at;
    const evidence = await gatherEvidence({
      fromAddress: parsed.from.address,
      subject: parsed.subject,
      receivedAt,
      links: parsed.links,
      attachments: parsed.attachments,
      readBytes: (sha) => deps.blobs.read(sha),
      definitions: Object.values(deps.config.forms.definitions),
    });
    // A coordinator's decision on this mail (a unit named, or accepted as it is) replaces its held versions.
    const decision = await deps.submissions.decisionFor(messageId);
    if (decision) await deps.submissions.dropHeldVersions(messageId);
    const judgement = await judgeWithHistory(evidence, deps.config, deps.submissions, decision);
    const versions = await deps.submissions.recordJudgement(messageId, judgement, receivedAt, deps.now().toISOString());
    deps.logger.info(
      { messageKey: messageId, unit: judgement.unit, held: judgement.held?.reason ?? null, versions: versions.map((v) => `${v.deliverable}:${v.status}`) },
      'submission judged',
    );
    await deps.onJudged(messageId, versions);
  };
}
