/**
 * The `reply` job: one answer per judged mail, in the unit's thread. Policy decides whether to
 * answer at all; the reply is composed, built into bytes and written to the outbox before it is
 * sent; delivery is exactly once (adapters/smtp/deliver-once.ts).
 *
 * `replies.mode` (docs/coordinator-guide.md) decides how a reply leaves: `send` by SMTP, `draft`
 * into the mailbox's Drafts for the coordinator, `off` not at all (recorded as refused, so a later
 * switch to `send` does not answer old mail). The channel is fixed on the outbox row when it is
 * claimed: a reply written as a draft is never sent by the worker, whatever the mode becomes.
 *
 * One decision per recipient at a time, across processes: the decision is taken and the reply
 * composed on one reading of the recipient's history, and written (claimed, or recorded as refused)
 * in the recipient's transaction only if that history is still the same; otherwise the mail is
 * decided again (recipient-history.ts).
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { Campaign } from '../../domain/campaign/campaign-schema.js';
import type { MessageKind } from '../../domain/mail/message.js';
import { buildAndStore } from '../../adapters/smtp/build-mime.js';
import { deliverOnce, type DeliveryDeps } from '../../adapters/smtp/deliver-once.js';
import { annotatedFileName, annotateWorkbook } from '../../adapters/workbook/annotate-workbook.js';
import { composeReply, decideReply, DEFAULT_RATE_LIMITS, refusalIncident, repeatsAnsweredMail, replyKindOf, replyRecipient, templatesToAttach, type MailBody } from '../../domain/replies/index.js';
import type { FormId } from '../../domain/forms/types.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { MessageRepo } from '../../adapters/store/message-repo.js';
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';
import { outboxMail, outboxRefusal } from '../../adapters/store/outbox-row.js';
import type { SubmissionRepo } from '../../adapters/store/submission-repo.js';
import type { KeyedTransactions, StoreTransaction } from '../../adapters/store/keyed-transaction.js';
import { replyMaterial } from './reply-input-from-store.js';
import { recipientHistory, sameHistory, type HistoryWindow } from './recipient-history.js';

export interface ReplyJobDeps {
  campaign: Campaign;
  blobs: BlobStore;
  messages: MessageRepo;
  submissions: SubmissionRepo;
  outbox: OutboxRepo;
  incidents: IncidentRepo;
  delivery: Omit<DeliveryDeps, 'outbox' | 'blobs' | 'incidents' | 'now' | 'logger'>;
  /** Where a decision for one recipient is written, one at a time across processes (the rate limit counts on it). */
  transactions: KeyedTransactions;
  now(): Date;
  logger: Logger;
  /**
   * The blank template of a form (what `inbox-worker templates` writes), attached to a correction
   * request that asks for the .xlsx because no form could be read. Without it none is attached.
   */
  blankTemplate?: (form: FormId) => Promise<{ filename: string; content: Buffer }>;
}

const DAY_MS = 24 * 3600 * 1000;
/** Decisions taken again when other replies to the same recipient keep landing first, before the job is retried later. */
const DECISION_ROUNDS = 5;
const STALE = Symbol('the recipient\'s history changed');

export function createReplyJob(deps: ReplyJobDeps) {
  const delivery = (): DeliveryDeps => ({ ...deps.delivery, outbox: deps.outbox, blobs: deps.blobs, incidents: deps.incidents, now: deps.now, logger: deps.logger });

  return async function reply(messageId: string): Promise<void> {
    for (let round = 1; (await replyOnce(deps, delivery, messageId)) === STALE; round++) {
      // Thrown, the job is retried later: better late than two decisions on one history.
      if (round === DECISION_ROUNDS) throw new Error(`busy: other replies to the recipient of ${messageId} kept landing first`);
    }
  };
}

async function replyOnce(deps: ReplyJobDeps, delivery: () => DeliveryDeps, messageId: string): Promise<typeof STALE | void> {
  const existing = await deps.outbox.find('reply', messageId);
  if (existing) {
    await deliverOnce(existing, delivery());
    return;
  }
  const row = await deps.messages.getIngested(messageId);
  if (!row) throw new Error(`message ${messageId} is not ingested`);
  const { parsed } = row;
  const recipient = replyRecipient(parsed.from, parsed.replyTo, deps.campaign.allowedSenderDomains).address;
  const versions = await deps.submissions.versionsToAnswer(messageId);
  const now = deps.now();
  const window: HistoryWindow = { since: new Date(now.getTime() - DAY_MS).toISOString(), now: now.toISOString(), limits: DEFAULT_RATE_LIMITS };
  const history = await recipientHistory(deps, recipient, window);
  /** Writes the outcome if the recipient's history is still the one decided on. */
  const settle = <T>(write: (trx: StoreTransaction) => Promise<T>) =>
    deps.transactions.run(`reply-to:${recipient.toLowerCase()}`, async (trx) => (sameHistory(await recipientHistory(deps, recipient, window, trx), history) ? write(trx) : STALE));

  const decision = decideReply({
    kind: (row.kind ?? 'unreadable') as MessageKind,
    recipient,
    allowedSenderDomains: deps.campaign.allowedSenderDomains,
    ownAddresses: [deps.campaign.mailbox.address, deps.campaign.coordinator.address],
    held: versions.length === 0 || versions.some((v) => v.status === 'held'),
    suppressed: await deps.outbox.isSuppressed(recipient),
    recentReplies: history.committedAt,
    rateLimitNoticeAt: history.rateLimitNoticeAt,
    now: window.now,
    limits: window.limits,
    repeatsAnsweredMail: repeatsAnsweredMail(parsed, await answeredMails(deps.messages, history.answered, messageId)),
  });
  const log = deps.logger.child({ messageKey: messageId, to: recipient });
  if (!decision.send) {
    // Held mail waits for the coordinator's decision: nothing is written.
    if (decision.reason === 'held') {
      log.info({ reason: decision.reason }, 'no reply');
      return;
    }
    const written = await settle(async (trx) => {
      if (decision.tellCoordinator) {
        const incident = refusalIncident(decision.reason);
        await deps.incidents.record(incident.kind, recipient, `未自动回复（${incident.reason}）：${parsed.subject}`, now.toISOString(), trx);
      }
      // Any refusal but held is final for this mail.
      await recordRefusal(deps.outbox, messageId, recipient, decision.reason, parsed.subject, now, trx);
    });
    if (written !== STALE) log.info({ reason: decision.reason }, 'no reply');
    return written;
  }
  if (deps.campaign.replies.mode === 'off') {
    const written = await settle((trx) => recordRefusal(deps.outbox, messageId, recipient, 'replies_off', parsed.subject, now, trx));
    if (written !== STALE) log.info('replies are off: judged and reported only');
    return written;
  }
  const material = await replyMaterial(parsed, versions, deps.submissions, deps.campaign);
  if (!material) return;

  const attachments: { filename: string; content: Buffer }[] = [];
  if (replyKindOf(material.input) === 'correction_request') {
    for (const a of material.annotations) {
      const original = parsed.attachments.find((x) => x.part === a.part);
      if (!original) continue;
      const annotated = await annotateWorkbook(await deps.blobs.read(original.sha256), a.problems);
      if (annotated) attachments.push({ filename: annotatedFileName(a.name, deps.campaign.language), content: annotated });
    }
  }
  const templates = replyKindOf(material.input) === 'correction_request' && deps.blankTemplate ? templatesToAttach(material.input) : [];
  const blank = await Promise.all(templates.map((form) => deps.blankTemplate!(form)));
  const composed = composeReply({ ...material.input, annotatedAttachments: attachments.map((a) => a.filename) }, composeOptions(deps.campaign, messageId));
  const built = await buildAndStore(
    {
      from: { name: deps.campaign.name, address: deps.campaign.mailbox.address },
      to: [composed.to],
      subject: composed.subject,
      text: composed.text,
      html: composed.html,
      messageId: composed.headers['Message-ID'],
      ...(composed.headers['In-Reply-To'] ? { inReplyTo: composed.headers['In-Reply-To'] } : {}),
      ...(composed.headers.References ? { references: composed.headers.References } : {}),
      headers: { 'Auto-Submitted': composed.headers['Auto-Submitted'], 'X-Inbox-Worker': composed.headers['X-Inbox-Worker'] },
      attachments: [...attachments, ...blank],
      date: now,
    },
    deps.blobs,
  );
  // The claim takes the first attempt too, committed with it before anything is sent (deliver-once.ts).
  const claimed = await settle((trx) =>
    deps.outbox.claimTaken(
      outboxMail({
        id: `reply-${messageId}`,
        purpose: 'reply',
        subjectKey: messageId,
        messageId: composed.headers['Message-ID'].replace(/^<|>$/g, ''),
        recipient: composed.to.address,
        kind: composed.kind,
        title: composed.subject,
        rawSha256: built.rawSha256,
        attachmentSha256: built.attachmentSha256,
        channel: deps.campaign.replies.mode === 'draft' ? 'draft' : 'smtp',
        submissionId: material.submissionId,
        versionIds: material.versionIds,
        at: now,
      }),
      deps.now().toISOString(),
      trx,
    ),
  );
  if (claimed === STALE) return STALE;
  // The bytes just stored are in hand, unless another attempt's row stood already.
  await deliverOnce(claimed.row, delivery(), { prepared: claimed.row.raw_sha256 === built.rawSha256 ? built.raw : undefined, taken: claimed.taken });
}

/** The bodies of the other mails answered for this recipient (at most the day's rate limit of them). */
async function answeredMails(messages: Pick<MessageRepo, 'getIngested'>, answered: readonly string[], messageId: string): Promise<MailBody[]> {
  const rows = await Promise.all(answered.filter((id) => id !== messageId).map((id) => messages.getIngested(id)));
  return rows.flatMap((r) => (r ? [r.parsed] : []));
}

/** The Message-ID derives from the mail answered, so a re-composed reply keeps the same id. */
function composeOptions(campaign: Campaign, messageId: string) {
  const ownDomain = campaign.mailbox.address.split('@')[1] ?? 'localhost';
  return { ownDomain, messageIdToken: `reply.${messageId.slice(0, 24)}` };
}

async function recordRefusal(outbox: OutboxRepo, messageId: string, recipient: string, reason: string, subject: string, now: Date, trx: StoreTransaction): Promise<void> {
  await outbox.claim(outboxRefusal({ id: `reply-${messageId}`, subjectKey: messageId, recipient, reason, title: subject, at: now }), trx);
}
