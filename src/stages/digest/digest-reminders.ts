/**
 * The day's deadline reminders, sent before the digest that lists them. Planning is pure
 * (digest/reminders.ts); here each planned reminder gets an address — the registry's first, else
 * one learned from the coordinator's decisions, else the sender of the unit's latest mail — its
 * own outbox row under `unit/deliverable/due/day`, and exactly-once delivery. A unit with no
 * address, or only a suppressed one, is not reminded: the coordinator reads that in the digest
 * instead. In `draft` mode a reminder is written into Drafts like a reply; with replies `off`
 * none is made.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { Campaign, Unit } from '../../domain/campaign/campaign-schema.js';
import { composeReminder, DELIVERABLE_SHORT_LABELS, planReminders, shanghaiDate, type DigestSubmission, type NeedsYouItem, type ReminderKey } from '../../domain/digest/index.js';
import { buildAndStore } from '../../adapters/smtp/build-mime.js';
import { deliverOnce, type DeliveryDeps } from '../../adapters/smtp/deliver-once.js';
import type { DigestRepo } from '../../adapters/store/digest-repo.js';
import type { LearnedAddress } from '../../domain/recognition/index.js';
import type { OutboxRepo } from '../../adapters/store/outbox-repo.js';
import { outboxMail } from '../../adapters/store/outbox-row.js';
import { parseReminderKey, reminderSubjectKey } from './collect-digest-input.js';

export interface ReminderDeps {
  campaign: Campaign;
  units: readonly Unit[];
  /** Addresses learned from the coordinator's decisions, tried after the registry's. */
  learned: readonly LearnedAddress[];
  digests: DigestRepo;
  outbox: OutboxRepo;
  blobs: BlobStore;
  delivery: DeliveryDeps;
  ownDomain: string;
  logger: Logger;
}

export interface ReminderRun {
  /** Units reminded in this run (`unit/deliverable`). */
  sent: string[];
  /** Reminders due but not sent (no usable address), as the digest lists them. */
  notReminded: NeedsYouItem[];
  /** Reminders whose sending met a transient error; the job is retried for them. */
  failed: string[];
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

export async function sendReminders(deps: ReminderDeps, run: { now: Date; owner: string; submissions: readonly DigestSubmission[] }): Promise<ReminderRun> {
  const day = shanghaiDate(run.now);
  const tag = hash(run.owner).slice(0, 12);
  const result: ReminderRun = { sent: [], notReminded: [], failed: [] };
  const claimedToday = await deps.digests.remindersOn(day);

  // A retry of this job finishes the reminders it claimed before; others' rows are theirs to send.
  for (const row of claimedToday.filter((r) => r.id.endsWith(`-${tag}`) && ['pending', 'sending', 'drafting'].includes(r.status))) {
    await attempt(row.subject_key, () => deliverOnce(row, deps.delivery), result);
  }

  const alreadySent = claimedToday.map((r) => parseReminderKey(r.subject_key)).filter((k): k is NonNullable<typeof k> => k !== null) satisfies ReminderKey[];
  if (deps.campaign.replies.mode === 'off') return result;
  const planned = planReminders({ now: run.now, campaign: deps.campaign, units: deps.units.map((u) => u.name), submissions: run.submissions, alreadySent });
  for (const reminder of planned) {
    const key = reminderSubjectKey(reminder);
    const label = DELIVERABLE_SHORT_LABELS[reminder.deliverable];
    const address = await addressOf(deps, reminder.unit);
    if (!address || (await deps.outbox.isSuppressed(address))) {
      result.notReminded.push({
        kind: address ? 'hard_bounce' : 'unknown_sender',
        subject: `${reminder.unit}：未发送${label}截止提醒`,
        detail: address
          ? `该单位的邮箱 ${address} 此前退信，已停止自动发信，今天的截止提醒没有发出。请核对地址后在 config/units.yaml 中更新。`
          : '单位名录中没有该单位的邮箱，也没有收到过该单位的邮件，今天的截止提醒没有发出。请在 config/units.yaml 中为该单位补充邮箱（addresses）。',
        since: run.now.toISOString(),
      });
      continue;
    }
    const composed = composeReminder(deps.campaign, reminder);
    const messageId = `reminder.${hash(key).slice(0, 16)}.${tag}@${deps.ownDomain}`;
    const built = await buildAndStore(
      {
        from: { name: deps.campaign.name, address: deps.campaign.mailbox.address },
        to: [{ name: reminder.unit, address }],
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        messageId: `<${messageId}>`,
        // RFC 3834: a machine-made mail; an auto-responder must not answer it.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Inbox-Worker': '1' },
        date: run.now,
      },
      deps.blobs,
    );
    const id = `reminder-${hash(key).slice(0, 24)}-${tag}`;
    const claimed = await deps.outbox.claim(
      outboxMail({
        id,
        purpose: 'reminder',
        subjectKey: key,
        messageId,
        recipient: address,
        kind: reminder.reason,
        title: composed.subject,
        rawSha256: built.rawSha256,
        attachmentSha256: built.attachmentSha256,
        channel: deps.campaign.replies.mode === 'draft' ? 'draft' : 'smtp',
        at: run.now,
      }),
    );
    // Another process planned the same reminder at the same moment and holds the row: it sends it.
    if (claimed.id !== id) continue;
    await attempt(key, () => deliverOnce(claimed, deps.delivery), result);
  }
  return result;
}

async function addressOf(deps: ReminderDeps, unit: string): Promise<string | null> {
  const registered = deps.units.find((u) => u.name === unit)?.addresses[0];
  const learned = deps.learned.find((l) => l.unit === unit)?.address;
  return registered ?? learned ?? (await deps.digests.latestSenderOf(unit));
}

async function attempt(key: string, send: () => Promise<string>, result: ReminderRun): Promise<void> {
  const parsed = parseReminderKey(key);
  const label = parsed ? `${parsed.unit}/${parsed.deliverable}` : key;
  try {
    const outcome = await send();
    // A reminder written into Drafts counts as done today: it is the coordinator's to send.
    if (outcome === 'sent' || outcome === 'drafted') result.sent.push(label);
  } catch {
    result.failed.push(label);
  }
}
