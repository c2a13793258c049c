/**
 * Alerts by mail, the moment something stops (docs/operations.md, "Alerts"). The parts of the
 * worker say `raise`/`clear` for a condition and `event` for a one-off; the domain's policy
 * (src/domain/alerts) decides; each mail is written to the outbox under a key per episode before
 * it is sent, so it goes out once however often the condition is reported. A mail that cannot go
 * out now (SMTP down) is tried again on every tick until it does or its condition clears.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import { buildAndStore } from '../../adapters/smtp/build-mime.js';
import { deliverOnce, type DeliveryDeps } from '../../adapters/smtp/deliver-once.js';
import { withMoreRecipients } from '../../adapters/smtp/smtp-sender.js';
import type { IncidentKind, IncidentRepo } from '../../adapters/store/incident-repo.js';
import type { OutboxRepo, OutboxRow } from '../../adapters/store/outbox-repo.js';
import { outboxMail } from '../../adapters/store/outbox-row.js';
import { composeAlert, composeRecovery, decideCondition, decideEvent, isCondition, type AlertContext, type AlertDecision, type AlertHistory, type AlertKind, type ComposedAlert, type Condition } from '../../domain/alerts/index.js';
import type { Campaign } from '../../domain/campaign/campaign-schema.js';

export interface AlerterDeps {
  campaign: Campaign;
  /** The stall threshold, quoted in the stall alert. */
  stallMinutes: number;
  outbox: OutboxRepo;
  blobs: BlobStore;
  incidents: IncidentRepo;
  delivery: Omit<DeliveryDeps, 'outbox' | 'blobs' | 'incidents' | 'now' | 'logger'>;
  now(): Date;
  logger: Logger;
  /** Told of every alert or recovery mail that went out (the metrics count them). */
  onSent?(kind: AlertKind, recovery: boolean): void;
}

/** Login failures are incidents of their own so that the digest lists them too. */
const INCIDENTS: Partial<Record<AlertKind, { kind: IncidentKind; subject: string }>> = {
  intake_stalled: { kind: 'intake_stall', subject: 'IMAP' },
  imap_auth: { kind: 'login_failed', subject: 'IMAP' },
  smtp_auth: { kind: 'login_failed', subject: 'SMTP' },
};

export function createAlerter(deps: AlerterDeps) {
  const { campaign, outbox } = deps;
  const log = deps.logger.child({ component: 'alerter' });
  const operators = campaign.operators.length > 0 ? [...campaign.operators] : [campaign.coordinator.address];
  const context: AlertContext = { campaign: campaign.name, mailbox: campaign.mailbox.address, stallMinutes: deps.stallMinutes };
  const ownDomain = campaign.mailbox.address.split('@')[1] ?? 'localhost';
  const standing = new Map<AlertKind, Condition>();
  /** Kinds whose clearing was looked up and found nothing to recover: no need to ask the store again. */
  const quiet = new Set<AlertKind>();
  let chain: Promise<unknown> = Promise.resolve();
  // One decision at a time in this process: two reports of one condition must not both find "not told yet".
  const serially = (fn: () => Promise<void>): Promise<void> => {
    const next = chain.then(fn).catch((err: unknown) => log.error({ err }, 'alert not handled'));
    chain = next;
    return next;
  };

  async function history(kind: AlertKind): Promise<AlertHistory> {
    const latest = await outbox.latestAlert(kind);
    if (!latest) return { lastAlertAt: null, unrecovered: null };
    const open = isCondition(kind) && !latest.closed;
    const since = latest.row.subject_key.slice(kind.length + 1);
    return { lastAlertAt: latest.row.created_at, unrecovered: open ? { key: latest.row.subject_key, since, sent: latest.row.status === 'sent' } : null };
  }

  async function evaluate(kind: AlertKind): Promise<void> {
    const now = deps.now().toISOString();
    const decision = decideCondition(kind, standing.get(kind) ?? null, await history(kind), now, new Set(standing.keys()));
    if (decision.action === 'none' && decision.reason === 'nothing_to_recover') quiet.add(kind);
    await act(decision, now);
  }

  async function act(d: AlertDecision, now: string, about?: string): Promise<void> {
    if (d.action === 'none') return;
    if (d.action === 'withdraw') {
      const row = await outbox.find('alert', d.alertKey);
      if (row) await outbox.withdraw(row.id, 'the condition cleared before the alert could be sent');
      log.info({ kind: d.kind }, 'alert withdrawn unsent: its condition cleared');
      return;
    }
    if (d.action === 'alert') {
      const mail = composeAlert(d.kind, { since: d.since, detail: d.detail, ...(about ? { subject: about } : {}) }, context);
      await send(d.key, d.kind, mail, false);
      return;
    }
    await send(d.key, 'recovered', composeRecovery(d.kind, { since: d.since, recoveredAt: now }, context), true, d.kind);
  }

  async function send(key: string, rowKind: AlertKind | 'recovered', mail: ComposedAlert, recovery: boolean, kind: AlertKind = rowKind as AlertKind): Promise<void> {
    const now = deps.now();
    const hash = createHash('sha256').update(key).digest('hex');
    const messageId = `alert.${hash.slice(0, 16)}@${ownDomain}`;
    const built = await buildAndStore(
      {
        from: { name: campaign.name, address: campaign.mailbox.address },
        to: operators.map((address) => ({ name: '', address })),
        subject: mail.subject,
        text: mail.text,
        html: `<pre style="font-family:inherit;white-space:pre-wrap">${escapeHtml(mail.text)}</pre>`,
        messageId: `<${messageId}>`,
        // RFC 3834: machine-made; when it lands in the watched mailbox our classifier knows it as our own.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Inbox-Worker': '1' },
        date: now,
      },
      deps.blobs,
    );
    const row = await outbox.claim(
      outboxMail({
        id: `alert-${hash.slice(0, 24)}`,
        purpose: 'alert',
        subjectKey: key,
        messageId,
        recipient: operators[0] ?? campaign.coordinator.address,
        kind: rowKind,
        title: mail.subject,
        rawSha256: built.rawSha256,
        attachmentSha256: built.attachmentSha256,
        at: now,
      }),
    );
    log.warn({ kind, recovery, key }, recovery ? 'recovery mail to the operators' : 'alert mail to the operators');
    await deliver(row, kind, recovery);
  }

  async function deliver(row: OutboxRow, kind: AlertKind, recovery: boolean): Promise<void> {
    try {
      const outcome = await deliverOnce(row, {
        ...deps.delivery,
        smtp: withMoreRecipients(deps.delivery.smtp, operators.slice(1)),
        onRefused: undefined,
        // The tick comes back to it: one alert in another attempt's hands must not hold up the rest.
        waitForOtherAttempt: false,
        outbox,
        blobs: deps.blobs,
        incidents: deps.incidents,
        now: deps.now,
        logger: deps.logger,
      });
      if (outcome === 'sent') deps.onSent?.(kind, recovery);
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err), outbox: row.id }, 'alert mail not sent yet: tried again on the next tick');
    }
  }

  return {
    /** A condition stands (again): alert unless already told, or told of this kind within the hour. */
    raise(kind: AlertKind, detail: string, since?: string): Promise<void> {
      return serially(async () => {
        quiet.delete(kind);
        if (!standing.has(kind)) {
          const at = since ?? deps.now().toISOString();
          standing.set(kind, { since: at, detail });
          const incident = INCIDENTS[kind];
          if (incident) await deps.incidents.record(incident.kind, incident.subject, detail, deps.now().toISOString());
        }
        await evaluate(kind);
      });
    },
    /** A condition is over: one recovery mail if its alert went out. Cheap to call after every success. */
    clear(kind: AlertKind): Promise<void> {
      if (!standing.has(kind) && quiet.has(kind)) return Promise.resolve();
      return serially(async () => {
        if (standing.delete(kind)) {
          const incident = INCIDENTS[kind];
          if (incident) await deps.incidents.resolve(incident.kind, incident.subject, deps.now().toISOString());
        }
        await evaluate(kind);
      });
    },
    /** Something happened once (`about`: the job, the recipient). */
    event(kind: AlertKind, about: string, detail: string): Promise<void> {
      return serially(async () => {
        const now = deps.now().toISOString();
        await act(decideEvent(kind, { at: now, subject: about, detail }, await history(kind), now), now, about);
      });
    },
    /** Periodic: a condition held back by the hourly limit comes due; unsent alert mails are tried again. */
    tick(): Promise<void> {
      return serially(async () => {
        for (const kind of standing.keys()) await evaluate(kind);
        for (const row of await outbox.unsentAlerts()) {
          const kind = (row.kind === 'recovered' ? row.subject_key.split('.')[0] : row.kind) as AlertKind;
          await deliver(row, kind, row.kind === 'recovered');
        }
      });
    },
    /** The conditions standing in this process (for /readyz and tests). */
    standing: (): ReadonlyMap<AlertKind, Condition> => standing,
  };
}

export type Alerter = ReturnType<typeof createAlerter>;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
