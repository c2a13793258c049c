/**
 * Gathers the facts the relevance judgement needs from the store and the registry (is it an
 * answer to the worker's own mail? is the sender a registered unit?) and asks the domain
 * (src/domain/recognition/relevance.ts) whether the mail belongs to the call.
 */
import type { ParsedMessage } from '../../domain/mail/message.js';
import { createUnitMatcher, judgeRelevance, referencedIds, relevanceByForms, type Relevance, type UnitMatcher } from '../../domain/recognition/index.js';
import type { Store } from '../../adapters/store/store.js';
import type { CampaignConfig } from '../../config/load-config.js';
import type { SubmissionJudgement } from '../../domain/submissions/judge-submission.js';

export interface RelevanceDeps {
  /** Whether the worker wrote any of these Message-IDs (its outbox: replies, reminders, drafts). */
  wroteAnyOf(messageIds: readonly string[]): Promise<boolean>;
  /** The registry (with learned addresses when there are any). */
  units: Pick<UnitMatcher, 'byAddress'>;
  /** Whether earlier mail from this address was judged and placed with a unit (a unit sending its parts one by one). */
  placedMailFrom(address: string): Promise<boolean>;
  words: readonly string[];
}

/**
 * With the mail's `judgement` (its files read), the forms found and the zips' entries count; without
 * it (machine mail, never opened) only the attachments' names and the headers can tie it.
 */
export async function relevanceOf(parsed: ParsedMessage, deps: RelevanceDeps, judgement?: Pick<SubmissionJudgement, 'files' | 'deliverables'>): Promise<Relevance> {
  const attached = parsed.attachments.map((a) => ({ name: a.filename, sniffedType: a.sniffedType, size: a.size }));
  const zipped = (judgement?.files ?? []).filter((f) => f.source === 'zip_entry').map((f) => ({ name: f.name, sniffedType: 'unknown' }));
  const files = [...attached, ...zipped];
  const formsFound = (judgement?.deliverables ?? []).reduce((n, d) => n + d.forms.length, 0);
  // A form of the call decides it before any fact of the store would: nothing is looked up.
  const byForms = relevanceByForms(formsFound);
  if (byForms) return byForms;
  return judgeRelevance({
    subject: parsed.subject,
    files,
    formsFound,
    answersWorkerMail: await deps.wroteAnyOf(referencedIds({ inReplyTo: parsed.inReplyTo, references: parsed.references })),
    senderIsUnit: deps.units.byAddress(parsed.from.address) !== null || (await deps.placedMailFrom(parsed.from.address)),
    words: deps.words,
  });
}

/** The relevance facts from the store: the worker's outbox, the registry, the addresses learned. */
export function storeRelevance(store: Pick<Store, 'outbox' | 'submissions' | 'learnedAddresses'>, campaign: Pick<CampaignConfig, 'units' | 'campaign'>): RelevanceDeps {
  return {
    wroteAnyOf: (ids) => store.outbox.wroteAnyOf(ids),
    units: createUnitMatcher(campaign.units),
    // An address the coordinator's decision taught (learned_addresses) is a unit's address too.
    placedMailFrom: async (address) => (await store.submissions.placedMailFrom(address)) || (await store.learnedAddresses.has(address)),
    words: campaign.campaign.relevance.words,
  };
}
