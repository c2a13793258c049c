/**
 * `inbox-worker check`: the same judgement the worker makes, on files from disk, with no server
 * at all. An `.eml` goes through parse → classify → evidence → judge → reply policy; any other
 * file is judged as a lone attachment (how a coordinator tries a unit's spreadsheet by hand).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { createBlobStore } from '../adapters/blobs/blob-store.js';
import { classifyMessage } from '../domain/mail/classify.js';
import { sniffMagic } from '../domain/files/magic-bytes.js';
import type { AttachmentInfo, MessageKind } from '../domain/mail/message.js';
import { parseStoredMessage, UnreadableMessageError } from '../adapters/mime/parse-stored-message.js';
import { decideReply, replyKindOf, replyRecipient } from '../domain/replies/index.js';
import { authenticationResultsOf } from '../domain/mail/dmarc-result.js';
import { judgeMail, type JudgementConfig } from '../stages/validate/judge-mail.js';
import type { SubmissionJudgement } from '../domain/submissions/judge-submission.js';
import { arrivalTime } from '../domain/mail/mail-dates.js';
import { toReplyOutcomes } from '../domain/submissions/to-reply-outcomes.js';
import { createReadPool, type WorkbookReader } from '../adapters/workbook/sandbox/read-pool.js';
import { withScratchDir } from './scratch-dir.js';

export interface CheckResult {
  file: string;
  kind: MessageKind;
  unit: string | null;
  deliverables: {
    deliverable: string;
    status: string;
    late: boolean;
    activities: number;
    problems: { severity: string; form: string | null; sheet: string | null; cell: string | null; column: string | null; value: string | null; message: string }[];
    /** Rows of the forms that are not activities (sections, 小计, 合计, notes, signatures): information. */
    skipped: { sheet: string; row: number; kind: string; text: string }[];
  }[];
  reply: 'acknowledgement' | 'correction_request' | 'none';
  /** Why no reply would be sent, or why the mail is held; for the human output. */
  note: string | null;
}

/**
 * @param reader the sandboxed workbook reader to share between files; without one, a pool is
 * made for this file and closed after it.
 */
export async function checkFile(file: string, config: JudgementConfig, reader?: WorkbookReader): Promise<CheckResult> {
  const own = reader ? null : createReadPool();
  try {
    return await withScratchDir('inbox-check-', async (scratch) => {
      const blobs = createBlobStore(scratch);
      const r = (reader ?? own)!;
      return file.toLowerCase().endsWith('.eml') ? await checkMail(file, config, blobs, r) : await checkAttachment(file, config, blobs, r);
    });
  } finally {
    await own?.close();
  }
}

async function checkMail(file: string, config: JudgementConfig, blobs: ReturnType<typeof createBlobStore>, reader: WorkbookReader): Promise<CheckResult> {
  const campaign = config.campaign.campaign;
  let parsed;
  try {
    parsed = await parseStoredMessage({ source: fs.createReadStream(file), putBlob: (s) => blobs.putStream(s), logger: pino({ level: 'silent' }) });
  } catch (err) {
    if (err instanceof UnreadableMessageError) return { file, kind: 'unreadable', unit: null, deliverables: [], reply: 'none', note: err.message };
    throw err;
  }
  const verdict = classifyMessage(parsed, { mailboxAddress: campaign.mailbox.address });
  if (verdict.kind !== 'submission') return { file, kind: verdict.kind, unit: null, deliverables: [], reply: 'none', note: verdict.reason };
  const judgement = await judgeMail(
    { fromAddress: parsed.from.address, authenticationResults: authenticationResultsOf(parsed.headers), subject: parsed.subject, receivedAt: arrivalTime(parsed), links: parsed.links, attachments: parsed.attachments, unopened: parsed.unopened ?? [] },
    { config, readBytes: (sha) => blobs.read(sha), reader },
  );
  const decision = decideReply({
    kind: 'submission',
    recipient: replyRecipient(parsed.from, parsed.replyTo, campaign.allowedSenderDomains).address,
    allowedSenderDomains: campaign.allowedSenderDomains,
    ownAddresses: [campaign.mailbox.address, campaign.coordinator.address],
    held: judgement.held !== null,
    suppressed: false,
    recentReplies: [],
    rateLimitNoticeAt: null,
    now: new Date(0).toISOString(),
  });
  return result(file, judgement, config, decision.send ? null : decision.reason);
}

async function checkAttachment(file: string, config: JudgementConfig, blobs: ReturnType<typeof createBlobStore>, reader: WorkbookReader): Promise<CheckResult> {
  const bytes = await fsp.readFile(file);
  const stored = await blobs.putBuffer(bytes);
  const filename = path.basename(file);
  const attachment: AttachmentInfo = { part: '1', filename, declaredType: 'application/octet-stream', sniffedType: sniffMagic(bytes.subarray(0, 4096)), size: stored.size, sha256: stored.sha256, nestedIn: null };
  const judgement = await judgeMail(
    { fromAddress: '', subject: filename, receivedAt: null, links: [], attachments: [attachment] },
    { config, readBytes: (sha) => blobs.read(sha), reader, requireUnit: false },
  );
  return result(file, judgement, config, judgement.held ? 'held' : null);
}

function result(file: string, j: SubmissionJudgement, config: JudgementConfig, refusal: string | null): CheckResult {
  const deliverables = j.deliverables.map((d) => ({
    deliverable: d.deliverable,
    status: d.status,
    late: d.late,
    activities: d.activities,
    problems: d.problems.map((p) => ({ severity: p.severity, form: p.form, sheet: p.sheet, cell: p.cell, column: p.column, value: p.value, message: p.message })),
    skipped: d.forms.flatMap((f) => (f.skippedRows ?? []).map((s) => ({ sheet: f.sheet, row: s.rowNumber, kind: s.kind, text: s.text }))),
  }));
  const reply = refusal ? 'none' : replyKindOf({ deliverables: toReplyOutcomes(j.deliverables, config.campaign.campaign) });
  const note = j.held ? `held for the coordinator (${j.held.reason}): ${j.held.detail}` : refusal ? `no reply: ${refusal}` : null;
  return { file, kind: 'submission', unit: j.unit, deliverables, reply, note };
}
