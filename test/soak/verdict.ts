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
  /**
   * `told`: not done, or not known to be done, but the coordinator was told by an incident (a 550
   * refusal, a quarantined job, a send left uncertain with its copy in Drafts): not a failure of
   * the run. A mail reaching the SMTP server twice is always `doubled`.
   */
  verdict: 'lost' | 'doubled' | 'wrong' | 'told';
  what: string;
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
}

export async function judgeRun(input: VerdictInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (verdict: Finding['verdict'], what: string) => findings.push({ verdict, what });
  const db = input.store.db;
  // By dedupe key: an unrelated mail keeps only that and its place in the mailbox (docs/relevance.md).
  const messages = await db.selectFrom('messages').select(['id', 'dedupe_key', 'state', 'kind', 'from_address']).execute();
  const byMid = new Map<string, typeof messages>();
  for (const m of messages) if (m.dedupe_key.startsWith('mid:')) byMid.set(m.dedupe_key.slice(4), [...(byMid.get(m.dedupe_key.slice(4)) ?? []), m]);
  const versions = await db.selectFrom('submission_versions').select(['message_id']).execute();
  const judged = new Set(versions.map((v) => v.message_id));
  const outbox = await db.selectFrom('outbox').select(['id', 'purpose', 'subject_key', 'message_id', 'status', 'kind', 'recipient', 'title']).execute();
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
  for (const [id, n] of seen) if (n > 1) add('doubled', `${id} reached the SMTP server ${n} times`);

  // A send left uncertain (its attempt died without an outcome, docs/reliability.md): never sent
  // again, one copy in Drafts (but an alert's), one incident naming it. Its copy in Drafts is not a
  // second reply: the coordinator sends it only if the unit did not get the first.
  const uncertain = outbox.filter((o) => o.status === 'uncertain');
  const uncertainIds = new Set(uncertain.map((o) => o.message_id));
  for (const o of uncertain) {
    const drafts = input.drafts.filter((d) => d.messageId === o.message_id).length;
    // One open incident per recipient and title: a second uncertain send of the same title raises its count.
    const told = incidents.some((i) => i.kind === 'send_uncertain' && (i.detail.includes(o.message_id) || i.subject === `${o.recipient}：${o.title}`));
    if (!told) add('wrong', `outbox ${o.purpose} ${o.message_id} uncertain without a send_uncertain incident`);
    if (o.purpose !== 'alert' && drafts !== 1) add('wrong', `outbox ${o.purpose} ${o.message_id} uncertain with ${drafts} copies in Drafts`);
  }

  // One reply (or one draft) per mail that should have one; none for the rest.
  const repliesTo = new Map<string, number>();
  const drafted = new Map<string, number>();
  for (const d of input.drafts) if (d.messageId) drafted.set(d.messageId, (drafted.get(d.messageId) ?? 0) + 1);
  for (const [id, n] of drafted) if (n > 1) add('doubled', `draft ${id} written ${n} times`);
  for (const [id] of drafted) {
    const parent = input.drafts.find((d) => d.messageId === id)?.inReplyTo;
    if (parent && isReplyRow(id) && !uncertainIds.has(id)) repliesTo.set(parent, (repliesTo.get(parent) ?? 0) + 1);
  }
  const outboxByMid = new Map(outbox.map((o) => [o.message_id, o]));
  // A reply row's subject is the answered mail's store id; the season knows the mail by its Message-ID.
  const byMidRowId = new Map<string, string>();
  for (const [mid, rows] of byMid) for (const r of rows) byMidRowId.set(r.id, mid);
  for (const c of captured) {
    if (!c.inReplyTo || !c.messageId) continue;
    if (outboxByMid.get(c.messageId)?.purpose !== 'reply') continue;
    repliesTo.set(c.inReplyTo, (repliesTo.get(c.inReplyTo) ?? 0) + 1);
  }
  const uncertainReplyTo = new Map(uncertain.filter((o) => o.purpose === 'reply').map((o) => [byMidRowId.get(o.subject_key), o]));
  const refused = new Set(outbox.filter((o) => o.purpose === 'reply' && o.status === 'failed').map((o) => o.recipient));
  for (const mail of input.mails) {
    const n = repliesTo.get(mail.messageId) ?? 0;
    if (mail.expectReplies === 0 && n > 0) add('wrong', `${mail.messageId} (${mail.kind}) was answered ${n} time(s); it should get no reply`);
    if (mail.expectReplies === 1 && n > 1) add('doubled', `${mail.messageId} (trial ${mail.trial}) answered ${n} times`);
    const unsure = uncertainReplyTo.get(mail.messageId);
    if (mail.expectReplies === 1 && n <= 1 && unsure) {
      add('told', `${mail.messageId} (trial ${mail.trial}): its reply's send was interrupted without an outcome (${n === 1 ? 'the unit has it' : 'the unit does not have it'}); not sent again, a copy in Drafts and a send_uncertain incident`);
    } else if (mail.expectReplies === 1 && n === 0) {
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
    const unsureDigest = rows.find((o) => o.status === 'uncertain');
    if (sent.length === 0 && unsureDigest) add('told', `the digest for ${day}: its send was interrupted without an outcome (${seen.has(unsureDigest.message_id) ? 'it reached the SMTP server' : 'not at the SMTP server'}); a copy in Drafts and a send_uncertain incident`);
    else if (sent.length === 0 && !refusedDigest) add('lost', `no digest for ${day}`);
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
