/** Recognition: who sent a message, which deliverable(s) it carries, what each file is for. Pure. */
export { isAllowedSender, domainOf } from './allowed-sender.js';
export { classifyFiles, recognizeDeliverables } from './deliverables.js';
export type { ClassifiedFile, DeliverableInput, DeliverableRecognition, SubmittedAttachment, ZipEntryInfo } from './deliverables.js';
export { classifyFile, classifyLink, extensionOf, fileKind, MIN_PHOTO_BYTES } from './file-role.js';
export type { FileKind, FileRole } from './file-role.js';
export { identifyUnit } from './identify-unit.js';
export type { HeldForCoordinator, IdentifyUnitInput, UnitIdentification, UnitSource } from './identify-unit.js';
export { normalizeForMatching } from './normalize.js';
export {
  isReportComplete,
  mergeReportParts,
  missingReportParts,
  NO_REPORT_PARTS,
  REPORT_PART_LABELS,
  REQUIRED_REPORT_PARTS,
} from './report-parts.js';
export type { MissingReportPart, ReportPart, ReportParts } from './report-parts.js';
export { findRepliedSubmission, referencedIds, threadKey } from './resubmission.js';
export type { RepliedSubmission, ReplyLookup, ThreadHeaders } from './resubmission.js';
export { createUnitMatcher, normalizeAddress } from './unit-matcher.js';
export type { UnitMatcher, UnitTextMatch } from './unit-matcher.js';
export { callWordIn, judgeRelevance, relevanceByForms } from './relevance.js';
export type { CallTie, Relevance, RelevanceInput } from './relevance.js';
export { DEFAULT_CALL_WORDS } from './call-words.js';
export { isLearnable, withLearnedAddresses } from './learned-addresses.js';
export type { LearnedAddress } from './learned-addresses.js';
export { judgeReport } from './report-relevance.js';
export type { ReportFacts } from './report-relevance.js';
