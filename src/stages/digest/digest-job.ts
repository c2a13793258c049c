/**
 * The `digest` job: the coordinator's mail of the day. In order: read the store once → send the
 * day's deadline reminders (each its own outbox row) → compose the digest → progress chart
 * inline (RFC 2392 cid) → merged workbook attached → one outbox row for the Shanghai day →
 * exactly-once delivery to the coordinator, co-contacts in CC.
 *
 * Once a day, however many processes: the outbox's unique (purpose, subject) key admits one
 * row per day (and per reminder key). The row's id carries its owner — the job that wrote it —
 * so only that job sends it; a second job at the same moment finds another's row and stands
 * down, and a retry of the owner (same job id) finds its own row and finishes it.
 *
 * The digest is mail for the coordinator, not for a unit: it goes by SMTP whatever
 * `replies.mode` says (only units' replies and reminders become drafts), and it tells her which
 * mode is on and how many drafts wait in Drafts.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { Campaign, Unit } from '../../domain/campaign/campaign-schema.js';
import { renderProgressChart } from '../../adapters/files/progress-chart.js';
import { composeDigest, PROGRESS_CHART_CID, shanghaiDate, type ComposedDigest, type DigestInput, type NeedsYouItem } from '../../domain/digest/index.js';
import { MERGED_WORKBOOK_MIME } from '../../adapters/workbook/export/index.js';
import type { FormDefinition, FormId } from '../../domain/forms/types.js';
import { buildAndStore } from '../../adapters/smtp/build-mime.js';
import { deliverOnce, type DeliveryDeps, type DeliveryOutcome } from '../../adapters/smtp/deliver-once.js';
import { withMoreRecipients } from '../../adapters/smtp/smtp-sender.js';
import type { DigestRepo } from '../../adapters/store/digest-repo.js';
import type { IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { LearnedAddressRepo } from '../../adapters/store/learned-address-repo.js';
import type { OutboxRepo, OutboxRow } from '../../adapters/store/outbox-repo.js';
import { outboxMail } from '../../adapters/store/outbox-row.js';
import { collectDigestInput, sentReminders } from './collect-digest-input.js';
import { exportMergedWorkbook } from './export-workbook.js';
import { sendReminders, type ReminderRun } from './digest-reminders.js';

export interface DigestJobDeps {
  campaign: Campaign;
  units: readonly Unit[];
  definitions: Readonly<Record<FormId, FormDefinition>>;
  digests: DigestRepo;
  outbox: OutboxRepo;
  blobs: BlobStore;
  incidents: IncidentRepo;
  learned: Pick<LearnedAddressRepo, 'all' | 'since'>;
  delivery: Omit<DeliveryDeps, 'outbox' | 'blobs' | 'incidents' | 'now' | 'logger'>;
  now(): Date;
  logger: Logger;
}

export type DigestOutcome = DeliveryOutcome | 'taken_by_another';

export interface DigestRunResult {
  outcome: DigestOutcome;
  /** The Shanghai day reported on. */
  day: string;
  subject: string;
  reminders: ReminderRun;
}

export interface PreparedDigest {
  input: DigestInput;
  digest: ComposedDigest;
  chart: Buffer;
  workbook: { fileName: string; content: Buffer };
}

type Mailbox = { name: string; address: string };

/** A short, stable tag of whoever claims an outbox row (a BullMQ job id, a CLI run). */
export const ownerTag = (owner: string) => createHash('sha256').update(owner).digest('hex').slice(0, 12);

export function createDigestJob(deps: DigestJobDeps) {
  const log = deps.logger.child({ job: 'digest' });
  const unitNames = deps.units.map((u) => u.name);
  const ownDomain = deps.campaign.mailbox.address.split('@')[1] ?? 'localhost';
  const delivery = (cc: readonly string[] = []): DeliveryDeps => ({
    ...deps.delivery,
    smtp: withMoreRecipients(deps.delivery.smtp, cc),
    outbox: deps.outbox,
    blobs: deps.blobs,
    incidents: deps.incidents,
    now: deps.now,
    logger: deps.logger,
  });

  const collect = (now: Date) => collectDigestInput({ campaign: deps.campaign, units: unitNames, digests: deps.digests }, now);

  /**
   * Everything the digest says, read and composed once at `now`; sends nothing. The daily run
   * passes what it collected before its reminders, with the reminders it just sent.
   */
  async function prepare(now: Date, extraNeedsYou: readonly NeedsYouItem[] = [], readEarlier?: Awaited<ReturnType<typeof collect>>): Promise<PreparedDigest> {
    const collected = readEarlier ?? (await collect(now));
    const learnedSince = collected.lastDigestAt ?? new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
    const input: DigestInput = {
      ...collected,
      needsYou: [...collected.needsYou, ...extraNeedsYou],
      draftsWaiting: await draftsWaiting(),
      learnedAddresses: await deps.learned.since(learnedSince),
    };
    const digest = composeDigest(input);
    const workbook = await exportMergedWorkbook({ campaign: deps.campaign, units: unitNames, definitions: deps.definitions, digests: deps.digests }, now);
    return { input, digest, chart: renderProgressChart(digest.figures), workbook };
  }

  /** Drafts the worker wrote that are still in Drafts (neither sent nor deleted by her yet); null when Drafts cannot be read. */
  async function draftsWaiting(): Promise<number | null> {
    const written = await deps.outbox.draftedMessageIds();
    if (written.length === 0) return 0;
    try {
      const inDrafts = await deps.delivery.drafts.messageIds();
      return written.filter((id) => inDrafts.has(id)).length;
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not read Drafts to count the drafts waiting');
      return null;
    }
  }

  /** Builds the mail, stores its bytes, claims its outbox row; returns the row that stands and whether it is ours. */
  async function claimDigest(p: PreparedDigest, to: Mailbox[], cc: Mailbox[], key: { subjectKey: string; kind: 'daily' | 'on_demand'; owner: string }, now: Date) {
    const tag = ownerTag(key.owner);
    const messageId = `digest.${createHash('sha256').update(key.subjectKey).digest('hex').slice(0, 16)}.${tag}@${ownDomain}`;
    const built = await buildAndStore(
      {
        from: { name: deps.campaign.name, address: deps.campaign.mailbox.address },
        to,
        cc,
        subject: p.digest.subject,
        text: p.digest.text,
        html: p.digest.html,
        messageId: `<${messageId}>`,
        // RFC 3834: machine-made, never to be auto-answered; our classifier knows X-Inbox-Worker if it comes back to the mailbox.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Inbox-Worker': '1' },
        attachments: [
          { filename: 'progress.png', content: p.chart, contentType: 'image/png', cid: PROGRESS_CHART_CID, inline: true },
          { filename: p.workbook.fileName, content: p.workbook.content, contentType: MERGED_WORKBOOK_MIME },
        ],
        date: now,
      },
      deps.blobs,
    );
    const row = outboxMail({
      id: `digest-${createHash('sha256').update(key.subjectKey).digest('hex').slice(0, 24)}-${tag}`,
      purpose: 'digest',
      subjectKey: key.subjectKey,
      messageId,
      recipient: to[0]?.address ?? deps.campaign.coordinator.address,
      kind: key.kind,
      title: p.digest.subject,
      rawSha256: built.rawSha256,
      attachmentSha256: built.attachmentSha256,
      at: now,
    });
    const claimed = await deps.outbox.claim(row);
    return { claimed, mine: claimed.id === row.id };
  }

  async function deliverIfMine(row: OutboxRow, cc: readonly string[], owner: string): Promise<DigestOutcome> {
    if (row.status === 'sent') return 'already_sent';
    if (!row.id.endsWith(`-${ownerTag(owner)}`)) return 'taken_by_another';
    return deliverOnce(row, delivery(cc));
  }

  /** The scheduled daily run: reminders of the day, then the one digest of the day. */
  async function runDaily(owner: string): Promise<DigestRunResult> {
    const now = deps.now();
    const day = shanghaiDate(now);
    const cc = deps.campaign.coContacts.map((c) => c.address);
    const existing = await deps.outbox.find('digest', day);
    if (existing && (existing.status === 'sent' || !existing.id.endsWith(`-${ownerTag(owner)}`))) {
      const outcome = await deliverIfMine(existing, cc, owner);
      log.info({ day, outcome }, 'the digest of the day is already in hand');
      return { outcome, day, subject: existing.title, reminders: { sent: [], notReminded: [], failed: [] } };
    }
    const before = await collect(now);
    const reminders = await sendReminders(
      { campaign: deps.campaign, units: deps.units, learned: await deps.learned.all(), digests: deps.digests, outbox: deps.outbox, blobs: deps.blobs, delivery: delivery(), ownDomain, logger: log },
      { now, owner, submissions: before.submissions },
    );
    let outcome: DigestOutcome;
    let subject: string;
    if (existing) {
      outcome = await deliverIfMine(existing, cc, owner);
      subject = existing.title;
    } else {
      // Reminders change only the list of who was reminded today: the rest is as collected before them.
      const remindersSentToday = sentReminders(await deps.digests.remindersOn(day), unitNames, deps.campaign);
      const prepared = await prepare(now, reminders.notReminded, { ...before, remindersSentToday });
      const to = [{ name: deps.campaign.coordinator.name, address: deps.campaign.coordinator.address }];
      const { claimed } = await claimDigest(prepared, to, [...deps.campaign.coContacts], { subjectKey: day, kind: 'daily', owner }, now);
      outcome = await deliverIfMine(claimed, cc, owner);
      subject = claimed.title;
    }
    log.info({ day, outcome, reminders: reminders.sent.length, notReminded: reminders.notReminded.length }, 'daily digest run');
    // A reminder that met a transient SMTP error is retried with the job; the digest is not sent twice.
    if (reminders.failed.length > 0) throw new Error(`${reminders.failed.length} reminder(s) could not be sent yet: ${reminders.failed.join(', ')}`);
    return { outcome, day, subject, reminders };
  }

  /** An extra digest asked for by hand: fresh figures, its own outbox row; the daily one is untouched. */
  async function sendOnDemand(opts: { owner: string; to?: string }): Promise<DigestRunResult> {
    const now = deps.now();
    const prepared = await prepare(now);
    const to = opts.to ? [{ name: '', address: opts.to }] : [{ name: deps.campaign.coordinator.name, address: deps.campaign.coordinator.address }];
    const cc = opts.to ? [] : [...deps.campaign.coContacts];
    const subjectKey = `on-demand/${now.toISOString()}/${to[0]!.address}`;
    const { claimed } = await claimDigest(prepared, to, cc, { subjectKey, kind: 'on_demand', owner: opts.owner }, now);
    const outcome = await deliverIfMine(claimed, cc.map((c) => c.address), opts.owner);
    return { outcome, day: shanghaiDate(now), subject: claimed.title, reminders: { sent: [], notReminded: [], failed: [] } };
  }

  return { prepare, runDaily, sendOnDemand };
}

export type DigestJob = ReturnType<typeof createDigestJob>;
