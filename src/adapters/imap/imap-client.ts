/**
 * Builds a fresh imapflow client for one connection. imapflow does not reconnect by itself: after
 * `close` the client is spent and the watcher asks this factory for a new one.
 */
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { ImapSettings } from './types.js';

export interface ImapClientOptions {
  imap: ImapSettings;
  logger: Logger;
  /** Sent with the IMAP ID command (RFC 2971), so the server's admins can tell who connects. */
  clientVersion: string;
}

export function createImapClient({ imap, logger, clientVersion }: ImapClientOptions): ImapFlow {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.pass },
    clientInfo: { name: 'inbox-worker', version: clientVersion },
    // The watcher enters IDLE itself the moment a round ends (mailbox-watcher.ts): imapflow's
    // auto-IDLE waits a delay after the last command, and mail that arrives in that gap waited
    // for it. In `poll` mode nothing idles.
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    // imapflow logs every command at debug; only its warnings belong in our log. Credentials
    // are never logged by imapflow (AUTH frames are masked).
    logger: logger.child({ library: 'imapflow' }, { level: logger.levelVal > 40 ? logger.level : 'warn' }),
  });
}

/** Whether the server announced IDLE (RFC 2177); without it the watcher falls back to polling. */
export function supportsIdle(client: ImapFlow): boolean {
  return client.capabilities.has('IDLE');
}

/** LOGOUT politely when the connection still works, but never wait long for a dying server. */
export async function closeImapClient(client: ImapFlow): Promise<void> {
  client.removeAllListeners('close');
  client.removeAllListeners('exists');
  if (!client.usable) {
    client.close();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000)));
  await Promise.race([client.logout().catch(() => undefined), timeout]);
  clearTimeout(timer);
  client.close();
}
