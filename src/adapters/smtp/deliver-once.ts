/**
 * Sends one outbox row at most once, and says so when it cannot know. The order is: mark
 * `sending` → SMTP → mark `sent` → copy to Sent. A reply's claim writes its row `sending` already,
 * in the transaction that claims it (`OutboxRepo.claimTaken`): the mark is then committed with the
 * claim, before SMTP, and not written again. Once SMTP took the mail, the fact that it was
 * sent is what must not be lost, so it is recorded first, by one local write; the copy to Sent
 * comes after and its loss costs only a copy. When the record cannot be written (the database is
 * down), the copy is written anyway and the job fails: its retry finds the row `sending`, finds
 * the Message-ID in the Sent folder, and records it without sending again.
 *
 * The window no order closes is a process killed after SMTP's answer and before the record: SMTP
 * cannot be asked whether it took a message. So a send is never repeated without an outcome
 * (docs/reliability.md, "The send window"): an attempt that ended with SMTP's answer that it did
 * not take the mail (4xx, a refused or dropped connection) puts the row back to `pending` and is
 * sent again; a row found `sending` by a later attempt (its attempt died without an outcome) and
 * not in Sent becomes `uncertain` — a copy is written to the coordinator's Drafts (one click
 * sends it if the unit did not get it; an operator alert gets none, the mailbox is not theirs)
 * and a `send_uncertain` incident tells her in Chinese. A row `sending` for less than the lease
 * may still be in a live process's hands (a requeue after a Redis loss, a job taken as stalled):
 * the later attempt waits for its outcome first.
 *
 * A row claimed as a draft (`channel: draft`, docs/coordinator-guide.md) is written into Drafts
 * instead, the same way: mark `drafting` → APPEND → mark `drafted`, and a retry of a `drafting`
 * row looks for its Message-ID in Drafts first. The APPEND and the check reach the same folder,
 * so no window is left: exactly one draft per reply whatever is killed when.
 */
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { BlobStore } from '../blobs/blob-store.js';
import type { IncidentRepo } from '../store/incident-repo.js';
import type { OutboxRepo, OutboxRow } from '../store/outbox-repo.js';
import type { DraftsFolder } from '../imap/drafts-folder.js';
import type { SentFolder } from '../imap/sent-folder.js';
import { SendError, type SmtpSender } from './smtp-sender.js';
import { uncertainSendDetail, uncertainSendHasDraft } from '../../domain/replies/uncertain-send.js';

export interface DeliveryDeps {
  outbox: OutboxRepo;
  blobs: BlobStore;
  smtp: SmtpSender;
  sent: SentFolder;
  drafts: DraftsFolder;
  incidents: IncidentRepo;
  envelopeFrom: string;
  now(): Date;
  logger: Logger;
  /** Told when the server refuses a mail for good (a reply refused is an operator's alert). */
  onRefused?: ((row: OutboxRow, error: string) => Promise<void>) | undefined;
  /**
   * Fault injection for the crash tests only: `crash-after-send` acts as if the record failed
   * after SMTP took the mail (the database down), writes the Sent copy, and kills the process;
   * `crash-in-send-window` kills it as soon as SMTP took the mail, before the record and the copy;
   * `crash-after-draft` kills it after the APPEND to Drafts, before the record.
   */
  fault?: string | undefined;
  /**
   * Waits until the outbox's commits would survive a crash of the machine (Store.flushCommits):
   * the row that says an attempt was made must outlive the machine before the mail leaves, or a
   * machine that fails right after would send it again on its return.
   */
  flushCommits?: (() => Promise<void>) | undefined;
  /** How long an attempt may be in a live process's hands (default SENDING_LEASE_MS). */
  sendingLeaseMs?: number | undefined;
  /**
   * False: a row inside another attempt's lease is not waited for; delivery throws and the
   * caller tries again later (the alerter's tick, which must not stall behind one mail).
   */
  waitForOtherAttempt?: boolean | undefined;
}

export type DeliveryOutcome = 'sent' | 'drafted' | 'already_sent' | 'uncertain' | 'failed';

/**
 * Longer than one SMTP exchange takes in a live process (login, DATA and the answer on a loaded
 * machine); an attempt older than this whose row is still `sending` died without an outcome.
 * Shorter than BullMQ's lock (30 s): the retry of a job whose process was killed comes only
 * after the lock expired, so it never waits here — a job kept waiting is a job a second kill
 * would quarantine (docs/limits.md).
 */
export const SENDING_LEASE_MS = 25_000;
const POLL_MS = 2_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DeliveryOptions {
  /**
   * The row's message as its caller just built and stored it (the bytes under `raw_sha256`), so
   * that they are not read back from the blob store; without it they are read.
   */
  prepared?: Buffer | undefined;
  /**
   * The caller's claim took this attempt (`OutboxRepo.claimTaken`): the row is `sending` or
   * `drafting` because this attempt wrote it so, committed before anything is sent — not because an
   * earlier attempt died in it. Only for the row that claim returned as taken.
   */
  taken?: boolean | undefined;
}

export async function deliverOnce(row: OutboxRow, deps: DeliveryDeps, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  let current: OutboxRow | undefined = row;
  let taken = options.taken === true;
  for (;;) {
    const outcome = await attemptOnce(current, deps, current.raw_sha256 === row.raw_sha256 ? options.prepared : undefined, taken);
    if (outcome !== 'again') return outcome;
    taken = false;
    current = await deps.outbox.get(row.id);
    if (!current) throw new Error(`outbox row ${row.id} vanished`);
  }
}

/** One step; `again` when the row changed under it (read it again and decide again). */
async function attemptOnce(row: OutboxRow, deps: DeliveryDeps, prepared: Buffer | undefined, taken: boolean): Promise<DeliveryOutcome | 'again'> {
  if (row.status === 'sent' || row.status === 'drafted') return 'already_sent';
  if (row.status === 'uncertain') return 'uncertain';
  if (row.status === 'failed' || row.status === 'refused') return 'failed';
  if (!row.raw_sha256) throw new UnrecoverableError(`outbox row ${row.id} has no prepared message`);
  const log = deps.logger.child({ outbox: row.id, to: row.recipient, purpose: row.purpose, channel: row.channel });
  if (row.channel === 'draft') return writeDraftOnce(row, row.raw_sha256, deps, log, taken && row.status === 'drafting');
  if (taken && row.status === 'sending') return sendTaken(row, prepared ?? (await deps.blobs.read(row.raw_sha256)), deps, log);
  if (row.status === 'sending') {
    if (await deps.sent.contains(row.message_id)) {
      await deps.outbox.markSent(row.id, deps.now().toISOString());
      log.info('found in the Sent folder: sent before, only the record was missing');
      return 'already_sent';
    }
    const startedMs = row.sending_at ? Date.parse(row.sending_at) : Number.NaN;
    const leftMs = startedMs + (deps.sendingLeaseMs ?? SENDING_LEASE_MS) - deps.now().getTime();
    if (leftMs > 0) {
      if (deps.waitForOtherAttempt === false) throw new Error(`outbox row ${row.id}: another attempt may still be sending it`);
      log.info({ leftMs }, 'another attempt may still be sending this mail: waiting for its outcome');
      await sleep(Math.min(leftMs, POLL_MS));
      return 'again';
    }
    return settleUncertain(row, row.raw_sha256, deps, log);
  }
  const raw = prepared ?? (await deps.blobs.read(row.raw_sha256));
  if (!(await deps.outbox.markSending(row.id, deps.now().toISOString()))) return 'again';
  return sendTaken(row, raw, deps, log);
}

/** SMTP and the record of its outcome, for an attempt that holds the row in `sending`. */
async function sendTaken(row: OutboxRow, raw: Buffer, deps: DeliveryDeps, log: Logger): Promise<DeliveryOutcome> {
  try {
    await deps.flushCommits?.();
    await deps.smtp.send(raw, { from: deps.envelopeFrom, to: [row.recipient] });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof SendError && err.permanent) {
      await deps.outbox.markFailed(row.id, message);
      await deps.incidents.record('send_failed', row.recipient, `${row.title}: ${message}`, deps.now().toISOString());
      log.error({ err: message }, 'mail refused for good; the coordinator is told');
      await deps.onRefused?.(row, message);
      return 'failed';
    }
    // SMTP answered, or the connection ended, without taking the mail (or the flush failed before
    // SMTP was asked): the retry sends it again.
    // A timeout after DATA lands here too (RFC 1047: the server may have taken it); docs/reliability.md.
    await deps.outbox.markRetryable(row.id, message);
    throw err;
  }
  if (deps.fault === 'crash-in-send-window') process.kill(process.pid, 'SIGKILL');
  let unrecorded: unknown = null;
  try {
    if (deps.fault === 'crash-after-send') throw new Error('fault injected: the record of the send failed');
    await deps.outbox.markSent(row.id, deps.now().toISOString());
  } catch (err) {
    unrecorded = err;
  }
  try {
    await deps.sent.append(raw);
  } catch (err) {
    // The unit has the mail; a missing copy in Sent must not make us send it again.
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'sent, but the copy to the Sent folder failed');
  }
  if (deps.fault === 'crash-after-send') process.kill(process.pid, 'SIGKILL');
  if (unrecorded) {
    log.warn({ err: unrecorded instanceof Error ? unrecorded.message : String(unrecorded) }, 'sent, but not recorded; the retry will find the copy in Sent');
    throw unrecorded;
  }
  log.info('mail sent');
  return 'sent';
}

/**
 * The attempt died without an outcome: the copy to Drafts (unless an alert) and the incident
 * first, each looked for before it is written, then the row marked — so an attempt killed
 * half-way through this is finished by the next without a second draft or incident.
 */
async function settleUncertain(row: OutboxRow, rawSha256: string, deps: DeliveryDeps, log: Logger): Promise<DeliveryOutcome | 'again'> {
  if (uncertainSendHasDraft(row.purpose) && !(await deps.drafts.contains(row.message_id))) await deps.drafts.append(await deps.blobs.read(rawSha256));
  const subject = `${row.recipient}：${row.title}`;
  const open = await deps.incidents.openOne('send_uncertain', subject);
  if (!open?.detail.includes(row.message_id)) {
    await deps.incidents.record('send_uncertain', subject, uncertainSendDetail(row.purpose, row.message_id), deps.now().toISOString());
  }
  if (!(await deps.outbox.markUncertain(row.id, 'the attempt died between SMTP and the record; not in Sent'))) return 'again';
  log.warn('an attempt died without an outcome and the mail is not in Sent: not sent again; a copy is in Drafts and the coordinator is told');
  return 'uncertain';
}

async function writeDraftOnce(row: OutboxRow, rawSha256: string, deps: DeliveryDeps, log: Logger, taken: boolean): Promise<DeliveryOutcome> {
  if (!taken) {
    if (row.status === 'drafting' && (await deps.drafts.contains(row.message_id))) {
      await deps.outbox.markDrafted(row.id, deps.now().toISOString());
      log.info('found in Drafts: written before, only the record was missing');
      return 'already_sent';
    }
    await deps.outbox.markDrafting(row.id);
  }
  try {
    await deps.flushCommits?.();
    await deps.drafts.append(await deps.blobs.read(rawSha256));
  } catch (err) {
    // An IMAP error (or a failed flush) is transient here: the queue retries, and the retry looks in Drafts first.
    await deps.outbox.recordError(row.id, err instanceof Error ? err.message : String(err));
    throw err;
  }
  if (deps.fault === 'crash-after-draft') process.kill(process.pid, 'SIGKILL');
  await deps.outbox.markDrafted(row.id, deps.now().toISOString());
  log.info('reply written to Drafts for the coordinator');
  return 'drafted';
}
