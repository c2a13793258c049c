/**
 * Sends prepared bytes over SMTP (nodemailer, pooled). nodemailer does not retry: this adapter
 * tells a permanent refusal (5xx) from a transient one (4xx, a dropped connection) so the queue
 * retries only what may succeed later.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
}

export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
    /** The server refused our login: nothing will go through until the password is fixed. */
    readonly authFailed = false,
  ) {
    super(message);
  }
}

export interface SmtpSender {
  send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<void>;
  /** Connects and logs in without sending (the readiness check). Rejects with a SendError. */
  verify?(): Promise<void>;
  close(): void;
}

/** Told after every exchange whether the login was accepted (`ok`) or refused, for alerts and health. */
export type SmtpLoginObserver = (ok: boolean, error?: string) => void;

export function createSmtpSender(settings: SmtpSettings, logger: Logger, onLogin?: SmtpLoginObserver): SmtpSender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    pool: true,
    maxConnections: 3,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    // Loopback test servers have no certificate; real servers are verified.
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(settings.host) },
  });
  /**
   * A refused login (nodemailer's EAUTH, SMTP 535) is not the recipient's fault: it is retried
   * like a transient failure, and the operator is told, instead of the mail being dropped.
   */
  function classify(err: unknown): SendError {
    const e = err as { responseCode?: number; message?: string; code?: string };
    const code = typeof e.responseCode === 'number' ? e.responseCode : null;
    const message = e.message ?? String(err);
    if (e.code === 'EAUTH') {
      onLogin?.(false, message);
      logger.warn({ code, err: message }, 'SMTP refused our login, will retry');
      return new SendError(message, false, code, true);
    }
    const permanent = code !== null && code >= 500 && code < 600;
    logger.warn({ code, smtp: e.code, err: message }, permanent ? 'SMTP refused the mail for good' : 'SMTP failed, will retry');
    return new SendError(message, permanent, code);
  }

  return {
    async send(raw, envelope) {
      try {
        const info = await transport.sendMail({ envelope, raw });
        onLogin?.(true);
        if (info.rejected.length > 0 && info.accepted.length === 0) throw new SendError(`all recipients rejected: ${info.rejected.join(', ')}`, true, 550);
      } catch (err) {
        if (err instanceof SendError) throw err;
        throw classify(err);
      }
    },
    async verify() {
      try {
        await transport.verify();
        onLogin?.(true);
      } catch (err) {
        throw classify(err);
      }
    },
    close: () => transport.close(),
  };
}

/** Adds envelope recipients beyond the outbox row's one (a digest's CC, an alert's other operators). */
export function withMoreRecipients(smtp: SmtpSender, more: readonly string[]): SmtpSender {
  if (more.length === 0) return smtp;
  return { send: (raw, envelope) => smtp.send(raw, { from: envelope.from, to: [...envelope.to, ...more] }), close: () => undefined };
}
