/**
 * Injects one planned fault into the running soak and records what it did. Outages end by
 * themselves (the Dovecot or PostgreSQL restart, the full disk freed, the SMTP hang dropped);
 * a killed worker process is started again by the fleet's supervisor. Before a killed process
 * comes back, the outbox is looked at to see whether the kill landed in a send: the attempt
 * begun and SMTP not yet accepted; SMTP accepted and neither record nor Sent copy written (the
 * window no order closes: deliver-once then leaves the send `uncertain`, never sending it again);
 * or the Sent copy written but the record not (the retry finds it in Sent).
 */
import type { Fleet } from './fleet.js';
import type { PlannedFault } from './faults.js';
import { readCaptured, SENT_FOLDER, type Observer } from './observe.js';
import type { SoakServices } from './services.js';

export interface SendWindows {
  /** Outbox Message-IDs caught `sending` and not (yet) at the SMTP server when their process died. */
  beforeSmtp: string[];
  /** Outbox Message-IDs caught with SMTP accepted and no Sent copy when their process died. */
  beforeSentCopy: string[];
  /** … with the Sent copy written but the outbox not yet `sent`. */
  afterSentCopy: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Looks at every outbox row left `sending` when a process died. */
export async function inspectSendWindows(s: SoakServices, obs: Observer, windows: SendWindows): Promise<void> {
  try {
    const sending = await obs.store.db.selectFrom('outbox').select(['message_id']).where('status', '=', 'sending').execute();
    if (sending.length === 0) return;
    const captured = new Set(s.smtp.messages.map((m) => readCaptured(m).messageId));
    const sent = await obs.folderIds(SENT_FOLDER);
    for (const row of sending) {
      // A row stays `sending` until the restarted worker takes it up: count each send once.
      if (windows.beforeSentCopy.includes(row.message_id) || windows.afterSentCopy.includes(row.message_id)) continue;
      if (!captured.has(row.message_id)) {
        if (!windows.beforeSmtp.includes(row.message_id)) windows.beforeSmtp.push(row.message_id);
        continue;
      }
      // Seen before SMTP took it at an earlier kill, and taken since: it counts where it ended.
      const earlier = windows.beforeSmtp.indexOf(row.message_id);
      if (earlier >= 0) windows.beforeSmtp.splice(earlier, 1);
      (sent.has(row.message_id) ? windows.afterSentCopy : windows.beforeSentCopy).push(row.message_id);
    }
  } catch {
    // The store or Dovecot may be down by another fault: this kill is then not classified.
  }
}

export interface InjectContext {
  services: SoakServices;
  fleet: Fleet;
  observer: Observer;
  windows: SendWindows;
  count(kind: string): void;
}

/** Runs `fault` to its end (an outage is over when this resolves). */
export async function inject(fault: PlannedFault, ctx: InjectContext): Promise<void> {
  const s = ctx.services;
  const beforeRestart = () => inspectSendWindows(s, ctx.observer, ctx.windows);
  switch (fault.kind) {
    case 'kill':
      await ctx.fleet.kill(fault.process, { beforeRestart });
      break;
    case 'kill-after-send':
      // The restarted process carries the fault point: it SIGKILLs itself at its first send,
      // after SMTP accepted and the Sent copy was written, before the outbox records it.
      await ctx.fleet.kill(fault.process, { beforeRestart, nextFault: 'crash-after-send' });
      break;
    case 'redis-wipe':
      await s.redis.restartEmpty();
      break;
    case 'dovecot-restart':
      await s.dovecot.halt();
      await sleep(fault.outageMs);
      await s.dovecot.resume();
      break;
    case 'smtp-421':
    case 'smtp-451':
    case 'smtp-550':
      s.smtp.failWith(Number(fault.kind.slice(5)), 1);
      break;
    case 'smtp-hang':
      s.smtp.hangAfterData(1, 5_000 + fault.outageMs);
      break;
    case 'pg-restart':
      if (!s.postgres) return;
      await s.postgres.restart();
      break;
    case 'blob-full':
      if (!s.blobFs) return;
      await s.blobFs.fill();
      await sleep(fault.outageMs);
      await s.blobFs.free();
      break;
    case 'imap-cut-fetch':
      // Armed before the trial's mail is appended (see runSoak); counted when it fires.
      return;
  }
  ctx.count(fault.kind);
}
