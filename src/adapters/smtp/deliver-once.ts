/**
 * Sends one outbox row exactly once. The order is: mark `sending` → SMTP → mark `sent` → copy to
 * Sent. Once SMTP took the mail, the fact that it was sent is what must not be lost (a lost record
 * sends it again), so it is recorded first, by one local write; the copy to Sent comes after and
 * its loss costs only a copy. When the record cannot be written (the database is down), the copy
 * is written anyway and the job fails: its retry finds the row `sending`, finds the Message-ID in
 * the Sent folder, and records it without sending again.
 * The window left is a process killed between SMTP's answer and the record's commit. It was the
 * whole IMAP APPEND to Sent before; the soak (docs/reliability.md) hit it with kills at random.
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
   * `crash-after-draft` kills it after the APPEND to Drafts, before the record.
   */
  fault?: string | undefined;
}

export type DeliveryOutcome = 'sent' | 'drafted' | 'already_sent' | 'failed';

export async function deliverOnce(row: OutboxRow, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  if (row.status === 'sent' || row.status === 'drafted') return 'already_sent';
  if (row.status === 'failed' || row.status === 'refused') return 'failed';
  if (!row.raw_sha256) throw new UnrecoverableError(`outbox row ${row.id} has no prepared message`);
  const log = deps.logger.child({ outbox: row.id, to: row.recipient, purpose: row.purpose, channel: row.channel });
  if (row.channel === 'draft') return writeDraftOnce(row, row.raw_sha256, deps, log);
  if (row.status === 'sending' && (await deps.sent.contains(row.message_id))) {
    await deps.outbox.markSent(row.id, deps.now().toISOString());
    log.info('found in the Sent folder: sent before, only the record was missing');
    return 'already_sent';
  }
  await deps.outbox.markSending(row.id);
  const raw = await deps.blobs.read(row.raw_sha256);
  try {
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
    await deps.outbox.recordError(row.id, message);
    throw err;
  }
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

async function writeDraftOnce(row: OutboxRow, rawSha256: string, deps: DeliveryDeps, log: Logger): Promise<DeliveryOutcome> {
  if (row.status === 'drafting' && (await deps.drafts.contains(row.message_id))) {
    await deps.outbox.markDrafted(row.id, deps.now().toISOString());
    log.info('found in Drafts: written before, only the record was missing');
    return 'already_sent';
  }
  await deps.outbox.markDrafting(row.id);
  try {
    await deps.drafts.append(await deps.blobs.read(rawSha256));
  } catch (err) {
    // An IMAP error is transient here: the queue retries, and the retry looks in Drafts first.
    await deps.outbox.recordError(row.id, err instanceof Error ? err.message : String(err));
    throw err;
  }
  if (deps.fault === 'crash-after-draft') process.kill(process.pid, 'SIGKILL');
  await deps.outbox.markDrafted(row.id, deps.now().toISOString());
  log.info('reply written to Drafts for the coordinator');
  return 'drafted';
}
