/**
 * Whether a message gets an automatic reply at all. An auto-reply sent to the wrong party is worse
 * than none: answering bounces, auto-responders, lists or our own mail makes loops (RFC 3834 §2);
 * answering outside or forged senders makes the mailbox a backscatter source; answering a held
 * submission guesses what the coordinator has to decide; mailing an address that hard-bounced hurts
 * the domain's reputation; and a unit's mail client stuck in a resend loop must not get a flood.
 * Pure: the recipient's history and the time are parameters.
 */
import type { Classification, MessageKind } from '../mail/message.js';
import { isAllowedSender } from '../recognition/allowed-sender.js';

export interface RateLimit {
  /** At most this many replies to one recipient … */
  max: number;
  /** … within this many seconds before now. */
  windowSeconds: number;
}

/** @defaultValue at most 5 replies per 10 minutes and 20 per day to one recipient. */
export const DEFAULT_RATE_LIMITS: readonly RateLimit[] = Object.freeze([
  { max: 5, windowSeconds: 10 * 60 },
  { max: 20, windowSeconds: 24 * 3600 },
]);

export interface ReplyPolicyContext {
  kind: MessageKind;
  /** The address the reply would go to (lower-cased). */
  recipient: string;
  allowedSenderDomains: readonly string[];
  /** Our own addresses (the mailbox, the coordinator): never answered, whatever the classifier said. */
  ownAddresses: readonly string[];
  /** The submission is held for the coordinator (unknown unit, conflicting sources). */
  held: boolean;
  /** The recipient hard-bounced earlier and is suppressed. */
  suppressed: boolean;
  /** When replies were sent to this recipient recently, ISO-8601 (at least the longest window). */
  recentReplies: readonly string[];
  /** When the coordinator was last told this recipient hit the rate limit, ISO-8601, or null. */
  rateLimitNoticeAt: string | null;
  now: string;
  limits?: readonly RateLimit[];
  /** The same body and files from this sender were already answered within the day (repeated-mail.ts). */
  repeatsAnsweredMail?: boolean;
}

export type ReplyRefusal = 'machine_mail' | 'own_address' | 'outside_domain' | 'held' | 'suppressed' | 'repeated' | 'rate_limited';

export type ReplyDecision = { send: true } | { send: false; reason: ReplyRefusal; tellCoordinator: boolean };

const refuse = (reason: ReplyRefusal, tellCoordinator: boolean): ReplyDecision => ({ send: false, reason, tellCoordinator });

/** The incident a refusal the coordinator should hear of becomes: the kind says it, not the text. */
export function refusalIncident(reason: ReplyRefusal): { kind: 'rate_limited' | 'reply_suppressed' | 'reply_refused'; reason: string } {
  const kind = reason === 'rate_limited' ? 'rate_limited' : reason === 'suppressed' ? 'reply_suppressed' : 'reply_refused';
  return { kind, reason: REFUSAL_REASONS[reason] };
}

/** Why no reply went out, as the coordinator reads it in the digest. */
const REFUSAL_REASONS: Readonly<Record<ReplyRefusal, string>> = {
  machine_mail: '机器发出的邮件',
  own_address: '本邮箱自己的地址',
  outside_domain: '发件人不在允许的邮箱域名内',
  held: '待您确认单位',
  suppressed: '该地址此前退信',
  rate_limited: '对该地址的回复已达上限',
  repeated: '同一发件人当天已发过相同内容，已回复过一次',
};

export function decideReply(ctx: ReplyPolicyContext): ReplyDecision {
  // Machine mail is expected and harmless; it needs nobody's attention (bounces are handled apart).
  if (ctx.kind !== 'submission') return refuse('machine_mail', false);
  const recipient = ctx.recipient.trim().toLowerCase();
  if (ctx.ownAddresses.some((a) => a.trim().toLowerCase() === recipient)) return refuse('own_address', false);
  if (!isAllowedSender(recipient, ctx.allowedSenderDomains)) return refuse('outside_domain', true);
  if (ctx.held) return refuse('held', true);
  if (ctx.suppressed) return refuse('suppressed', true);
  // Answered once already; a second reply to the same words is how loops with robots start.
  if (ctx.repeatsAnsweredMail) return refuse('repeated', false);
  const limited = rateLimitHit(ctx.recentReplies, ctx.now, ctx.limits ?? DEFAULT_RATE_LIMITS);
  if (limited) return refuse('rate_limited', shouldTellAboutRateLimit(ctx.recentReplies, ctx.rateLimitNoticeAt));
  return { send: true };
}

/**
 * Whether one more reply now would exceed a limit. A reply counts while it is less than
 * `windowSeconds` old: with 5 per 10 minutes, the 6th reply waits until the 1st is 10 minutes old.
 */
export function rateLimitHit(sentAt: readonly string[], now: string, limits: readonly RateLimit[]): boolean {
  const nowMs = Date.parse(now);
  const times = sentAt.map((s) => Date.parse(s)).filter((t) => !Number.isNaN(t));
  return limits.some((limit) => times.filter((t) => t <= nowMs && nowMs - t < limit.windowSeconds * 1000).length >= limit.max);
}

/**
 * Tell the coordinator once per episode: when no notice was given since the last reply actually
 * sent. Later refusals of the same flood stay quiet; a new flood after replies resumed is told again.
 */
function shouldTellAboutRateLimit(sentAt: readonly string[], noticeAt: string | null): boolean {
  if (noticeAt === null) return true;
  const lastSent = sentAt.map((s) => Date.parse(s)).filter((t) => !Number.isNaN(t)).reduce((max, t) => Math.max(max, t), -Infinity);
  return Date.parse(noticeAt) < lastSent;
}

/**
 * A permanent delivery failure: an enhanced status code 5.x.x (RFC 3463 §3.1), as in a DSN's
 * `Status:` field; a bare SMTP reply code 5yz counts too. 4.x.x is transient: keep mailing.
 */
export function isHardBounce(status: string | null | undefined): boolean {
  if (!status) return false;
  const s = status.trim();
  return /^5\.\d{1,3}\.\d{1,3}$/.test(s) || /^5\d\d$/.test(s);
}

/**
 * The address to stop mailing after a bounce, or null when the failure is transient or names no
 * recipient. The caller records the suppression and tells the coordinator (the digest lists it).
 */
export function addressToSuppress(bounce: Classification['bounce'] | undefined): string | null {
  if (!bounce || !bounce.recipient) return null;
  if (!(bounce.permanent || isHardBounce(bounce.status))) return null;
  return bounce.recipient.trim().toLowerCase() || null;
}
