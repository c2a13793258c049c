/**
 * Which happening of the worker is which alert (docs/operations.md, "Alerts"), in one room: the
 * SMTP sender's login, a mail refused for good, a job failed for good, the watcher's rounds.
 * The alerter is built after the sender it watches, so it is attached late.
 */
import type { StallInfo } from '../adapters/imap/stall-watch.js';
import type { WatcherEvent } from '../adapters/imap/types.js';
import type { Alerter } from '../stages/alerts/alerter.js';

export function createAlertWiring() {
  let alerter: Alerter | undefined;
  return {
    attach(a: Alerter): void {
      alerter = a;
    },
    smtpLogin(ok: boolean, error?: string): void {
      void (ok ? alerter?.clear('smtp_auth') : alerter?.raise('smtp_auth', error ?? 'login refused'));
    },
    /** Only a reply to a unit is an operator's matter; the digest and alerts have their own paths. */
    async mailRefused(row: { purpose: string; recipient: string; title: string }, error: string): Promise<void> {
      if (row.purpose === 'reply') await alerter?.event('reply_refused', row.recipient, `${row.title}: ${error}`);
    },
    async jobFailed(job: string, error: string): Promise<void> {
      await alerter?.event('job_failed', job, error);
    },
    async stalled(info: StallInfo): Promise<void> {
      await alerter?.raise('intake_stalled', `no successful round since ${info.since}: ${info.lastError ?? 'no error reported'}`, info.since);
    },
    /** `imapConnected`: the metrics' view of the connection. */
    watcherEvent(e: WatcherEvent, imapConnected: (connected: boolean) => void): void {
      if (e.type === 'connection') return imapConnected(e.connected);
      if (e.ok) return void alerter?.clear('intake_stalled').then(() => alerter?.clear('imap_auth'));
      if (e.authFailed) void alerter?.raise('imap_auth', e.error);
    },
  };
}

export type AlertWiring = ReturnType<typeof createAlertWiring>;
