/**
 * The coordinator answers a held submission from her own mail client: the unit's name assigns
 * it, "通过" accepts it as it is. The instruction is obeyed only when the mail is authenticated
 * (mail/verify-coordinator.ts); otherwise it is recorded and shown in the digest as a suspected
 * forgery. Either way it is never answered or judged as a submission itself.
 *
 * An obeyed assignment also teaches the held mail's sender address to that unit (stored, not
 * written into units.yaml): the unit's next mail from it is recognised without being held.
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { Campaign, Unit } from '../../domain/campaign/campaign-schema.js';
import { parseCoordinatorCommand } from '../../domain/mail/coordinator-command.js';
import type { ParsedMessage } from '../../domain/mail/message.js';
import type { CoordinatorVerifier } from '../../adapters/mail-auth/verify-coordinator.js';
import { isLearnable, type UnitMatcher } from '../../domain/recognition/index.js';
import type { LearnedAddressRepo } from '../../adapters/store/learned-address-repo.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import { asIngested, type MessageRepo } from '../../adapters/store/message-repo.js';
import type { SubmissionRepo } from '../../adapters/store/submission-repo.js';

export interface CoordinatorMailDeps {
  campaign: Campaign;
  units: UnitMatcher;
  /** units.yaml as configured: an address listed there is not learned again. */
  registry: readonly Unit[];
  learned: Pick<LearnedAddressRepo, 'learn'>;
  blobs: BlobStore;
  messages: MessageRepo;
  submissions: SubmissionRepo;
  incidents: IncidentRepo;
  verifier: CoordinatorVerifier;
  /** Judges the held mail again (the validate job reads the recorded decision). */
  rejudge(messageId: string): Promise<void>;
  /** Answers the unit now that its mail is no longer held. */
  answer(messageId: string, trigger: string): Promise<void>;
  now(): Date;
  logger: Logger;
}

/** Whether the mail was an instruction of the coordinator's (then nothing else is done with it). */
export async function handleCoordinatorMail(messageId: string, parsed: ParsedMessage, rawSha256: string, deps: CoordinatorMailDeps): Promise<boolean> {
  if (parsed.from.address !== deps.campaign.coordinator.address.toLowerCase()) return false;
  const target = await heldMailAnswered(parsed, deps);
  const command = target ? parseCoordinatorCommand(parsed.text) : null;
  if (!target || !command) {
    // Most of her mail is no decision (this is her own mailbox): said at debug level only.
    deps.logger.debug({ messageKey: messageId, heldMail: target, decision: Boolean(command) }, 'coordinator mail is no decision on a held submission');
    return false;
  }
  const at = deps.now().toISOString();
  const log = deps.logger.child({ messageKey: messageId, target });

  let unit: string | null = null;
  if (command.unitText) {
    const match = deps.units.byText(command.unitText);
    if (match.status !== 'unique') {
      await deps.incidents.record('reply_refused', target, `协调人的回复“${command.unitText}”中没有可识别的唯一单位名称，待定提交仍未处理。`, at);
      return true;
    }
    unit = match.unit;
  }
  const auth = await deps.verifier.verify(parsed.headers, await deps.blobs.read(rawSha256));
  const action = unit ? 'assign' : 'accept';
  await deps.submissions.recordDecision({ messageId, targetMessageId: target, action, unit, authenticated: auth.ok, authDetail: auth.detail, at });
  if (command.accept && unit) {
    await deps.submissions.recordDecision({ messageId: `${messageId}/accept`, targetMessageId: target, action: 'accept', unit: null, authenticated: auth.ok, authDetail: auth.detail, at });
  }
  if (!auth.ok) {
    await deps.incidents.record('suspected_forgery', parsed.from.address, `一封自称来自协调人的邮件未通过身份验证（${auth.detail}），其中的指令未执行：${parsed.subject}`, at);
    log.warn({ detail: auth.detail }, 'coordinator instruction not authenticated: ignored');
    return true;
  }
  log.info({ unit, accept: command.accept }, 'coordinator decided on a held submission');
  if (unit) await learnSender(target, unit, messageId, at, deps);
  await deps.rejudge(target);
  await deps.answer(target, messageId.slice(0, 16));
  return true;
}

/** The held mail this one answers (In-Reply-To first, then References from the newest). */
async function heldMailAnswered(parsed: ParsedMessage, deps: CoordinatorMailDeps): Promise<string | null> {
  for (const id of [parsed.inReplyTo, ...[...parsed.references].reverse()].filter((x): x is string => Boolean(x))) {
    for (const m of await deps.messages.byMessageIdHeader(id)) {
      const versions = await deps.submissions.versionsOfMessage(m.id);
      if (versions.some((v) => v.status === 'held')) return m.id;
    }
  }
  return null;
}

/** The held mail's sender now belongs to the unit she named (src/domain/recognition/learned-addresses.ts). */
async function learnSender(target: string, unit: string, decisionId: string, at: string, deps: CoordinatorMailDeps): Promise<void> {
  const address = (await deps.messages.get(target))?.from_address ?? '';
  if (!isLearnable(address, deps.registry, [deps.campaign.mailbox.address, deps.campaign.coordinator.address])) return;
  await deps.learned.learn({ address, unit, sourceMessageId: target, decisionMessageId: decisionId, at });
  deps.logger.info({ address, unit }, 'sender address learned for the unit');
}

/**
 * Whether a stored mail is the coordinator's decision on a held mail; if so it is carried out here.
 * `inHand` is the mail as ingest just read it; without it the stored row is read.
 */
export async function isCoordinatorDecision(messageId: string, deps: CoordinatorMailDeps, inHand?: { parsed: ParsedMessage; rawSha256: string } | null): Promise<boolean> {
  if (inHand) return handleCoordinatorMail(messageId, inHand.parsed, inHand.rawSha256, deps);
  // The sender column says no for all but hers, before any JSON is decoded.
  const row = await deps.messages.get(messageId);
  if (!row || row.from_address !== deps.campaign.coordinator.address.toLowerCase()) return false;
  const ingested = asIngested(row);
  return ingested ? handleCoordinatorMail(messageId, ingested.parsed, row.raw_sha256, deps) : false;
}
