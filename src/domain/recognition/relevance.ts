/**
 * Whether a mail belongs to the call at all (docs/relevance.md). The mailbox is the coordinator's
 * own: most of what arrives is her everyday mail, which the worker must leave alone — not hold,
 * not answer, not keep. A mail belongs to the call only when something ties it to the call; the
 * surest tie is checked first. Pure: the store lookups (our Message-IDs, the registry) are done by
 * the caller and passed in as facts.
 */
import { fileKind, MIN_PHOTO_BYTES, normalizeName } from './file-role.js';

/** What ties a mail to the call. */
export type CallTie = 'form' | 'own_thread' | 'reference' | 'call_words' | 'unit_files' | 'reports_worker_mail';

export interface RelevanceInput {
  subject: string;
  /** Every file the mail carries: attachments, and the entries of zips that could be listed. */
  files: readonly { name: string; sniffedType: string; size?: number | undefined }[];
  /** How many of the call's forms were recognised in its workbooks (attached or zipped). */
  formsFound: number;
  /** In-Reply-To or References names a mail the worker sent (a reply, a reminder, a draft). */
  answersWorkerMail: boolean;
  /** The sender is a unit's address: in the registry (configured or learned), or placed with a unit before. */
  senderIsUnit: boolean;
  /** The call's words (campaign.yaml `relevance.words`). */
  words: readonly string[];
}

export type Relevance = { related: true; tie: CallTie; detail: string } | { related: false; detail: string };

/** `[R-7K3F9Q]`: the reference the worker writes in every reply's subject (replies/submission-reference.ts). */
const REFERENCE_IN_SUBJECT = /\[R-[0-9A-HJKMNP-TV-Z]{6}\]/i;

export function judgeRelevance(input: RelevanceInput): Relevance {
  const byForms = relevanceByForms(input.formsFound);
  if (byForms) return byForms;
  if (input.answersWorkerMail) return { related: true, tie: 'own_thread', detail: 'A reply in a thread the worker wrote in.' };
  if (REFERENCE_IN_SUBJECT.test(input.subject)) return { related: true, tie: 'reference', detail: 'Its subject carries a submission reference [R-…].' };
  const word = callWordIn([input.subject, ...input.files.map((f) => f.name)], input.words);
  if (word) return { related: true, tie: 'call_words', detail: `Its subject or a file name carries the call's word “${word}”.` };
  if (input.senderIsUnit && input.files.some(isRealFile)) return { related: true, tie: 'unit_files', detail: 'A registered unit sending files.' };
  // Nothing private goes into the reason: it is all that is kept of the mail.
  return { related: false, detail: 'Nothing ties it to the call: no form, not a reply to the worker, none of the call\'s words, not a registered unit sending files.' };
}

/**
 * The verdict when a form of the call was found: the surest tie, checked before anything else, so
 * the facts the store is asked for (`answersWorkerMail`, `senderIsUnit`) cannot change it and the
 * caller need not look them up. Null when no form was found.
 */
export function relevanceByForms(formsFound: number): Relevance | null {
  return formsFound > 0 ? { related: true, tie: 'form', detail: `${formsFound} form(s) of the call found in its files.` } : null;
}

/** The first of the call's words found in any of the texts (full-width forms folded, case ignored). */
export function callWordIn(texts: readonly string[], words: readonly string[]): string | null {
  const haystack = texts.map((t) => normalizeName(t).toLowerCase());
  for (const word of words) {
    const needle = normalizeName(word).toLowerCase();
    if (needle && haystack.some((t) => t.includes(needle))) return word;
  }
  return null;
}

/** A signature logo or an emoji image is not a file the sender meant to send. */
function isRealFile(file: RelevanceInput['files'][number]): boolean {
  if (fileKind(file.name, file.sniffedType) !== 'image') return true;
  return file.size === undefined || file.size >= MIN_PHOTO_BYTES;
}
