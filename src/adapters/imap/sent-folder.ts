/**
 * The mailbox's Sent folder: a copy of every mail the worker sends is appended there, so the
 * coordinator sees replies in her own client — and after a crash between sending and recording,
 * the copy is how the worker knows a reply already went out.
 */
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { ImapSettings } from './types.js';

export interface SentFolder {
  append(raw: Buffer): Promise<void>;
  contains(messageId: string): Promise<boolean>;
}

export function createSentFolder(imap: ImapSettings, folder: string, logger: Logger): SentFolder {
  const withClient = async <T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.pass },
      logger: false,
      clientInfo: { name: 'inbox-worker' },
      tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(imap.host) },
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => undefined);
    }
  };
  return {
    async append(raw) {
      await withClient(async (client) => {
        const exists = (await client.list()).some((m) => m.path === folder);
        if (!exists) await client.mailboxCreate(folder);
        await client.append(folder, raw, ['\\Seen']);
      });
    },
    async contains(messageId) {
      return withClient(async (client) => {
        const exists = (await client.list()).some((m) => m.path === folder);
        if (!exists) return false;
        const lock = await client.getMailboxLock(folder);
        try {
          const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
          logger.debug({ messageId, found: found ? found.length : 0 }, 'looked for a sent copy');
          return Array.isArray(found) && found.length > 0;
        } finally {
          lock.release();
        }
      });
    },
  };
}
