/**
 * The verdict of a soak run, from the store, the mailbox and the SMTP capture — never from the
 * worker's own status: every mail stored once and marked taken; every submission judged; one
 * reply per mail that should get one (or its refusal recorded as an incident) and none for
 * machine, everyday or held mail; nothing sent twice; one scheduled digest per day; the digest's
 * figures equal a recount from the store; no failed job without an incident.
 */
import type { Store } from '../../src/adapters/store/store.js';
import { readCaptured } from './observe.js';
import type { CapturedMessage } from '../harness/smtp-capture.js';
import type { SeasonMail } from './season.js';

export interface Finding {
  /** `told`: not done, but the coordinator was told by an incident (a 550 refusal, a quarantined job): not a failure of the run. */
  verdict: 'lost' | 'doubled' | 'wrong' | 'told';
  what: string;
  /**
   * A double explained by a kill inside the send window: SMTP had taken the reply and the process
   * died before recording it, leaving no copy in Sent (docs/reliability.md, "The long runs"). SMTP
   * cannot be asked whether it took a message, so the retry sends it again. Still a double.
   */
  inSendWindow?: boolean;
}

export interface VerdictInput {
  mails: readonly SeasonMail[];
  store: Store;
  captured: readonly CapturedMessage[];
  /** The messages in the Drafts folder (replies in `draft` mode). */
  drafts: readonly { messageId: string | null; inReplyTo: string | null }[];
  /** Message-IDs marked taken in the watched folder. */
  marked: ReadonlySet<string>;
  /** Shanghai days whose digest hour the run's clock passed. */
  digestDays: readonly string[];
  /** The figures the digest states now (`推荐表` → done/pending/missing), from `inbox-worker digest`. */
  digestFigures: ReadonlyMap<string, { done: number; pending: number; missing: number }>;
  /** The recount of the same figures straight from the store. */
  recount: ReadonlyMap<string, { done: number; pending: number; missing: number }>;
  /** Failed BullMQ jobs as `queue/jobId`, or null when they could not be read. */
  failedJobs: readonly string[] | null;
  /** Message-IDs of replies whose process was killed after SMTP took them and before their record, with no copy in Sent. */
  sendWindow: ReadonlySet<string>;
}

export async function judgeRun(input: VerdictInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (verdict: Finding['verdict'], what: string, inSendWindow = false) => findings.push({ verdict, what, ...(inSendWindow ? { inSendWindow } : {}) });
  const db = input.store.db;
  // By dedupe key: an unrelated mail keeps only that and its place in the mailbox (docs/relevance.md).
  const messages = await db.selectFrom('messages').select(['id', 'dedupe_key', 'state', 'kind', 'from_address']).execute();
  const byMid = new Map<string, typeof messages>();
  for (const m of messages) if (m.dedupe_key.startsWith('mid:')) byMid.set(m.dedupe_key.slice(4), [...(byMid.get(m.dedupe_key.slice(4)) ?? []), m]);
  const versions = await db.selectFrom('submission_versions').select(['message_id']).execute();
  const judged = new Set(versions.map((v) => v.message_id));
  const outbox = await db.selectFrom('outbox').select(['id', 'purpose', 'subject_key', 'message_id', 'status', 'kind', 'recipient']).execute();
  const isReplyRow = (id: string) => outbox.some((o) => o.message_id === id && o.purpose === 'reply');
  const incidents = await db.selectFrom('incidents').select(['kind', 'subject', 'detail']).execute();

  // Stored once, marked taken, ingested, judged.
  for (const mail of input.mails) {
    const rows = byMid.get(mail.messageId) ?? [];
    if (rows.length === 0) add('lost', `${mail.messageId} (trial ${mail.trial}, ${mail.kind}) never stored`);
    if (rows.length > 1) add('doubled', `${mail.messageId} stored ${rows.length} times`);
    if (!input.marked.has(mail.messageId)) add('lost', `${mail.messageId} not marked taken in the mailbox`);
    const row = rows[0];
    if (row?.state === 'stored') add('lost', `${mail.messageId} stored but never ingested`);
    if (row?.state === 'failed' && !incidents.some((i) => i.detail.includes(row.id) || i.subject.includes(row.id))) add('wrong', `${mail.messageId} failed to ingest without an incident`);
    if (row?.kind === 'submission' && !judged.has(row.id)) add('lost', `${mail.messageId} (trial ${mail.trial}) a submission never judged`);
  }

  // Nothing the capture took twice.
  const captured = input.captured.map(readCaptured);
  const seen = new Map<string, number>();
  for (const c of captured) if (c.messageId) seen.set(c.messageId, (seen.get(c.messageId) ?? 0) + 1);
  for (const [id, n] of seen) if (n > 1) add('doubled', `${id} reached the SMTP server ${n} times`, n === 2 && input.sendWindow.has(id));

  // One reply (or one draft) per mail that should have one; none for the rest.
  const repliesTo = new Map<string, number>();
  const drafted = new Map<string, number>();
  for (const d of input.drafts) if (d.messageId) drafted.set(d.messageId, (drafted.get(d.messageId) ?? 0) + 1);
  for (const [id, n] of drafted) if (n > 1) add('doubled', `draft ${id} written ${n} times`);
  for (const [id] of drafted) {
    const parent = input.drafts.find((d) => d.messageId === id)?.inReplyTo;
    if (parent && isReplyRow(id)) repliesTo.set(parent, (repliesTo.get(parent) ?? 0) + 1);
  }
  const outboxByMid = new Map(outbox.map((o) => [o.message_id, o]));
  const replyIdsTo = new Map<string, Set<string>>();
  for (const c of captured) {
    if (!c.inReplyTo || !c.messageId) continue;
    if (outboxByMid.get(c.messageId)?.purpose !== 'reply') continue;
    repliesTo.set(c.inReplyTo, (repliesTo.get(c.inReplyTo) ?? 0) + 1);
    replyIdsTo.set(c.inReplyTo, (replyIdsTo.get(c.inReplyTo) ?? new Set()).add(c.messageId));
  }
  // Two copies of one reply whose first send was caught in the window (see Finding.inSendWindow).
  const resentInWindow = (mailId: string, n: number) => {
    const ids = [...(replyIdsTo.get(mailId) ?? [])];
    return n === 2 && ids.length === 1 && input.sendWindow.has(ids[0]!);
  };
  const refused = new Set(outbox.filter((o) => o.purpose === 'reply' && o.status === 'failed').map((o) => o.recipient));
  for (const mail of input.mails) {
    const n = repliesTo.get(mail.messageId) ?? 0;
    if (mail.expectReplies === 0 && n > 0) add('wrong', `${mail.messageId} (${mail.kind}) was answered ${n} time(s); it should get no reply`);
    if (mail.expectReplies === 1 && n > 1) add('doubled', `${mail.messageId} (trial ${mail.trial}) answered ${n} times`, resentInWindow(mail.messageId, n));
    if (mail.expectReplies === 1 && n === 0) {
      const row = byMid.get(mail.messageId)?.[0];
      const sender = row?.from_address;
      const refusedTold = sender && refused.has(sender) && incidents.some((i) => i.kind === 'send_failed' && i.subject === sender);
      // A job whose process died twice while running it is quarantined by design (docs/limits.md).
      const quarantined = row && incidents.some((i) => i.kind === 'job_failed' && (i.subject === `reply/reply-${row.id}` || i.subject === `validate/validate-${row.id}` || i.subject === `ingest/ingest-${row.id}`));
      if (refusedTold) add('told', `${mail.messageId} (trial ${mail.trial}): the reply was refused for good (5xx); a send_failed incident says so`);
      else if (quarantined) add('told', `${mail.messageId} (trial ${mail.trial}): its job was quarantined after its process died twice running it; a job_failed incident says so`);
      else add('lost', `${mail.messageId} (trial ${mail.trial}, ${mail.kind}) got no reply and no incident says why`);
    }
  }

  // Nothing left half-done in the outbox (a row stuck `sending` is a send nobody will finish or confirm).
  for (const o of outbox) if (o.status === 'pending' || o.status === 'sending' || o.status === 'drafting') add('wrong', `outbox ${o.purpose} ${o.message_id} left ${o.status}`);

  // One scheduled digest per day whose hour passed.
  for (const day of input.digestDays) {
    const rows = outbox.filter((o) => o.purpose === 'digest' && o.kind === 'daily' && o.subject_key === day);
    const sent = rows.filter((o) => o.status === 'sent' && seen.has(o.message_id));
    const refusedDigest = rows.some((o) => o.status === 'failed') && incidents.some((i) => i.kind === 'send_failed');
    if (sent.length === 0 && !refusedDigest) add('lost', `no digest for ${day}`);
    if (sent.length > 1) add('doubled', `${sent.length} digests for ${day}`);
  }

  // The digest's figures equal a recount from the store.
  for (const [label, stated] of input.digestFigures) {
    const counted = input.recount.get(label);
    if (!counted || counted.done !== stated.done || counted.pending !== stated.pending || counted.missing !== stated.missing) {
      add('wrong', `digest says ${label} ${JSON.stringify(stated)}, the store counts ${JSON.stringify(counted ?? null)}`);
    }
  }
  if (input.digestFigures.size === 0) add('wrong', 'the digest states no figures');

  // No failed job without an incident.
  for (const job of input.failedJobs ?? []) {
    if (!incidents.some((i) => i.kind === 'job_failed' && i.subject === job)) add('wrong', `job ${job} failed for good without an incident`);
  }
  return findings;
}
