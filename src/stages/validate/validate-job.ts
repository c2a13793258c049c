/**
 * The `validate` job: judge a stored submission mail (its workbooks read, its zips listed) and
 * record one version per deliverable. A file that cannot be read is a recorded problem for the
 * unit, not a retry; a store that is down is thrown and retried.
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { WorkbookReader } from '../../adapters/workbook/sandbox/read-pool.js';
import type { AbortReason } from '../../adapters/workbook/sandbox/read-request.js';
import { asIngested, type MessageRepo } from '../../adapters/store/message-repo.js';
import type { RecordedVersion, SubmissionRepo } from '../../adapters/store/submission-repo.js';
import { openingInstant, receivedBeforeOpening } from '../../domain/campaign/opening.js';
import { leaveAlone } from '../relevance/leave-alone.js';
import { relevanceOf, type RelevanceDeps } from '../relevance/relevance-of.js';
import { judgeStoredMail } from './judge-stored-mail.js';
import type { JudgementConfig } from './judge-mail.js';
import type { LearnedAddress } from '../../domain/recognition/index.js';

export interface ValidateJobDeps {
  config: JudgementConfig;
  blobs: BlobStore;
  /** The sandboxed reader of workbooks (docs/limits.md). */
  reader: WorkbookReader;
  incidents: IncidentRepo;
  messages: MessageRepo;
  submissions: SubmissionRepo;
  /** What relevance is judged with: the worker's own Message-IDs, the registry, the call's words. */
  relevance: RelevanceDeps;
  /** Hands the recorded versions to the next stage (replies). */
  onJudged(messageId: string, versions: RecordedVersion[]): Promise<void>;
  /** Sender addresses learned from the coordinator's decisions, at least the sender's (judge-stored-mail.ts); none when not given. */
  learnedAddresses?: (sender: string) => Promise<readonly LearnedAddress[]>;
  now(): Date;
  logger: Logger;
}

export interface ValidateOptions {
  /**
   * The job of this mail stopped the process twice and was quarantined (src/app/job-failures.ts):
   * it is judged once more without opening a file, so the unit is asked, through the usual reply,
   * to fix a file that could not be processed (docs/limits.md). A mail already judged is left as it is.
   */
  quarantined?: boolean;
}

export function createValidateJob(deps: ValidateJobDeps) {
  return async function validate(messageId: string, options: ValidateOptions = {}): Promise<void> {
    const row = await deps.messages.get(messageId);
    if (!row || row.state !== 'ingested') throw new Error(`message ${messageId} is not ingested yet`);
    if (options.quarantined && (await deps.submissions.versionsOfMessage(messageId)).length > 0) return;
    // Machine mail (bounces, auto-replies, lists, our own) is ignored: never judged, never answered.
    // The row read above is decoded once, here, for the whole job.
    const message = row.kind === 'submission' ? asIngested(row) : null;
    if (!message) return;
    // An old mail given to `import`: stored as it was given, never judged, answered or reminded.
    const opensAt = deps.config.campaign.campaign.opensAt;
    if (receivedBeforeOpening(message.internal_date ?? message.received_at, openingInstant(opensAt))) {
      await deps.messages.recordKind(messageId, 'before_opening', `Received before the call opened (${opensAt}).`);
      deps.logger.info({ messageId }, 'received before the call opened: kept, not judged');
      return;
    }
    const aborted: { name: string; reason: AbortReason; detail: string }[] = [];
    const { judgement, receivedAt, decided } = await judgeStoredMail(message, {
      ...deps,
      onAborted: (name, reason, detail) => aborted.push({ name, reason, detail }),
      ...(options.quarantined ? { openNothing: true } : {}),
    });
    // Relevance is judged once, before the first judgement is recorded: a mail already judged stays
    // the call's. Its versions are looked for only when relevance says no: a mail with a form of the
    // call, most of them, costs neither lookup (relevance-of.ts).
    if (!decided) {
      const relevance = await relevanceOf(message.parsed, deps.relevance, judgement);
      if (!relevance.related && (await deps.submissions.versionsOfMessage(messageId)).length === 0) {
        await leaveAlone(messageId, relevance.detail, { messages: deps.messages, blobs: deps.blobs, logger: deps.logger });
        return;
      }
    }
    // A file that broke the reading sandbox is a problem for the unit and, for the coordinator, an incident.
    for (const a of aborted) {
      deps.logger.warn({ messageId, file: a.name, reason: a.reason, detail: a.detail }, 'reading of a file aborted');
      await deps.incidents.record('file_refused', `${messageId}/${a.name}`, `附件“${a.name}”读取时${ABORT_WORDS[a.reason]}，已请单位修改（${a.detail}）`, deps.now().toISOString());
    }
    // One transaction: a decided mail's held versions give way to this judgement, or both stay.
    const versions = await deps.submissions.recordJudgement(messageId, judgement, receivedAt, deps.now().toISOString(), { replaceHeld: decided });
    deps.logger.info(
      { messageKey: messageId, unit: judgement.unit, held: judgement.held?.reason ?? null, versions: versions.map((v) => `${v.deliverable}:${v.status}`) },
      'submission judged',
    );
    await deps.onJudged(messageId, versions);
  };
}

const ABORT_WORDS: Readonly<Record<AbortReason, string>> = { memory: '超出内存上限', time: '超出时间上限', crash: '读取线程异常中止' };
