/** `inbox-worker status [--json]`: what was taken and stored, and what is in hand. */
import type { App } from '../app/build-app.js';

export interface StatusReport {
  messages: { stored: number; byState: Record<string, number>; byKind: Record<string, number> };
  mailboxes: {
    mailbox: string;
    uidValidity: string;
    lastUid: number;
    lastSuccessAt: string | null;
    lastError: string | null;
    /** `keyword`, `store` (the server has no keywords) or `move`; null before the first round. */
    tracking: string | null;
    /** Messages received before the call opened, left alone (never downloaded); null before counted. */
    leftAlone: number | null;
  }[];
  incidents: { kind: string; subject: string; detail: string; count: number; since: string }[];
  /** Jobs not yet done, per queue; null when Redis did not answer in time. */
  queues: Record<string, Record<string, number>> | null;
}

export async function collectStatus(app: App): Promise<StatusReport> {
  const [messages, mailboxes, incidents] = await Promise.all([app.store.messages.counts(), app.store.mailboxState.all(), app.store.incidents.open()]);
  return {
    messages,
    mailboxes: mailboxes.map((m) => ({
      mailbox: m.mailbox,
      uidValidity: m.uid_validity,
      lastUid: Number(m.last_uid),
      lastSuccessAt: m.last_success_at,
      lastError: m.last_error,
      tracking: m.tracking,
      leftAlone: m.left_alone === null ? null : Number(m.left_alone),
    })),
    incidents: incidents.map((i) => ({ kind: i.kind, subject: i.subject, detail: i.detail, count: Number(i.count), since: i.created_at })),
    queues: await withTimeout(queueCounts(app), 3000),
  };
}

async function queueCounts(app: App): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [name, q] of Object.entries(app.queues)) out[name] = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  return out;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(null), ms);
    p.then((v) => resolve(v), () => resolve(null)).finally(() => clearTimeout(t));
  });
}

export function formatStatus(s: StatusReport): string {
  const lines = [`messages stored: ${s.messages.stored}`];
  for (const [k, n] of Object.entries(s.messages.byKind)) lines.push(`  ${k}: ${n}`);
  for (const [k, n] of Object.entries(s.messages.byState)) lines.push(`  state ${k}: ${n}`);
  for (const m of s.mailboxes) {
    lines.push(`mailbox ${m.mailbox}: UIDVALIDITY ${m.uidValidity}, last UID ${m.lastUid}, last good round ${m.lastSuccessAt ?? 'never'}${m.lastError ? `, last error: ${m.lastError}` : ''}`);
    if (m.leftAlone !== null) lines.push(`  left alone: ${m.leftAlone} message(s) received before the call opened (opensAt), never downloaded`);
    if (m.tracking === 'store') lines.push(`  the server cannot store the keyword: taken messages are tracked by UID in the worker's store`);
  }
  lines.push(s.queues ? `queues: ${Object.entries(s.queues).map(([n, c]) => `${n} ${JSON.stringify(c)}`).join('; ')}` : 'queues: Redis did not answer');
  for (const i of s.incidents) lines.push(`needs attention: ${i.kind} ${i.subject} ×${i.count}: ${i.detail}`);
  return lines.join('\n');
}
