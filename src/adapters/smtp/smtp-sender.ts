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
  ) {
    super(message);
  }
}

export interface SmtpSender {
  send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<void>;
  close(): void;
}

export function createSmtpSender(settings: SmtpSettings, logger: Logger): SmtpSender {
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
  return {
    async send(raw, envelope) {
      try {
        const info = await transport.sendMail({ envelope, raw });
        if (info.rejected.length > 0 && info.accepted.length === 0) throw new SendError(`all recipients rejected: ${info.rejected.join(', ')}`, true, 550);
      } catch (err) {
        if (err instanceof SendError) throw err;
        const e = err as { responseCode?: number; message?: string; code?: string };
        const code = typeof e.responseCode === 'number' ? e.responseCode : null;
        const permanent = code !== null && code >= 500 && code < 600;
        logger.warn({ code, smtp: e.code, err: e.message }, permanent ? 'SMTP refused the mail for good' : 'SMTP failed, will retry');
        throw new SendError(e.message ?? String(err), permanent, code);
      }
    },
    close: () => transport.close(),
  };
}
