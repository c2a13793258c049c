/**
 * Judging a mail the store holds: the validate job and `revalidate` both come here, so the time
 * it counts as received, the coordinator's decision and the unit's history are taken one way.
 */
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { IngestedMessage } from '../../adapters/store/message-repo.js';
import type { SubmissionRepo } from '../../adapters/store/submission-repo.js';
import { authenticationResultsOf } from '../../domain/mail/dmarc-result.js';
import { arrivalTime } from '../../domain/mail/mail-dates.js';
import type { SubmissionJudgement } from '../../domain/submissions/judge-submission.js';
import { isLearnable, type LearnedAddress } from '../../domain/recognition/index.js';
import { judgeMail, type JudgeMailOptions, type JudgementConfig } from './judge-mail.js';

export interface StoredMailJudgement {
  judgement: SubmissionJudgement;
  receivedAt: string;
  /** The coordinator decided on this mail: its held versions give way to this judgement. */
  decided: boolean;
}

export interface JudgeStoredMailDeps {
  config: JudgementConfig;
  blobs: Pick<BlobStore, 'read'>;
  submissions: Pick<SubmissionRepo, 'decisionFor' | 'reportParts' | 'currentRows'>;
  reader: JudgeMailOptions['reader'];
  onAborted?: JudgeMailOptions['onAborted'];
  openNothing?: boolean;
  /**
   * Sender addresses learned from the coordinator's decisions (src/domain/recognition/learned-addresses.ts):
   * at least those of `sender`, the only address a learned one is matched with; all of them will do.
   */
  learnedAddresses?: (sender: string) => Promise<readonly LearnedAddress[]>;
}

export async function judgeStoredMail(message: IngestedMessage, deps: JudgeStoredMailDeps): Promise<StoredMailJudgement> {
  const { parsed } = message;
  const receivedAt = arrivalTime(parsed, message.internal_date, message.stored_at) ?? message.stored_at;
  const decision = await deps.submissions.decisionFor(message.id);
  const judgement = await judgeMail(
    { fromAddress: parsed.from.address, authenticationResults: authenticationResultsOf(parsed.headers), subject: parsed.subject, receivedAt, links: parsed.links, attachments: parsed.attachments, unopened: parsed.unopened ?? [] },
    {
      config: deps.config,
      readBytes: (sha) => deps.blobs.read(sha),
      reader: deps.reader,
      ...(deps.onAborted ? { onAborted: deps.onAborted } : {}),
      ...(deps.openNothing ? { openNothing: true } : {}),
      decision,
      history: deps.submissions,
      // An address units.yaml lists (or none) is placed by units.yaml alone: nothing learned is looked up for it.
      learned: deps.learnedAddresses && isLearnable(parsed.from.address, deps.config.campaign.units, []) ? await deps.learnedAddresses(parsed.from.address) : [],
    },
  );
  return { judgement, receivedAt, decided: decision !== undefined };
}
