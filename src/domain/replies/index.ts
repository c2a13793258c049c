/** Replies to units: decide whether to answer, compose the answer, annotate the workbook. Pure except annotate (exceljs, no I/O). */
export { composeReply } from './compose-reply.js';
export type { ComposedReply, ComposeOptions } from './compose-reply.js';
export { describeChanges } from './describe-changes.js';
export type { VersionSnapshot } from './describe-changes.js';
export type { ReplyKind } from './phrases.js';
export { escapeHtml } from './reply-blocks.js';
export { replyHeaders, replyMessageId } from './reply-headers.js';
export type { ReplyHeaders } from './reply-headers.js';
export type {
  DeliverableOutcome,
  DeliverableStatus,
  OriginalMessage,
  ReceivedFile,
  ReceivedLink,
  ReplyInput,
  ReplyLanguage,
  SubmissionChanges,
} from './reply-input.js';
export { addressToSuppress, decideReply, DEFAULT_RATE_LIMITS, isHardBounce, rateLimitHit, refusalIncident } from './reply-policy.js';
export type { RateLimit, ReplyDecision, ReplyPolicyContext, ReplyRefusal } from './reply-policy.js';
export { replyKindOf } from './reply-verdict.js';
export { replyRecipient } from './reply-recipient.js';
export { bodyKey, repeatsAnsweredMail } from './repeated-mail.js';
export type { MailBody } from './repeated-mail.js';
export { FORM_WANTED_CODES, templatesToAttach } from './templates-to-attach.js';
