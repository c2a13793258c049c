/** The judgement of a mail as the reply composer reads it: one outcome per recognised deliverable. */
import type { Campaign } from '../campaign/campaign-schema.js';
import type { FormId } from '../forms/types.js';
import type { DeliverableOutcome } from '../replies/reply-input.js';
import type { DeliverableVerdict } from './judge-submission.js';

export function toReplyOutcomes(verdicts: readonly DeliverableVerdict[], campaign: Campaign): DeliverableOutcome[] {
  return verdicts
    .filter((v): v is DeliverableVerdict & { deliverable: FormId } => v.deliverable !== 'unknown' && v.status !== 'held')
    .map((v) => {
      const d = campaign.deliverables.find((x) => x.id === v.deliverable);
      return {
        deliverable: v.deliverable,
        title: d?.title ?? v.deliverable,
        status: v.status as DeliverableOutcome['status'],
        late: v.late,
        due: d?.due ?? '',
        activities: v.activities,
        problems: v.problems,
        missingParts: v.missingParts,
        notReported: v.notReported,
      };
    });
}
