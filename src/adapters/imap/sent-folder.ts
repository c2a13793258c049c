/**
 * The mailbox's Sent folder: a copy of every mail the worker sends is appended there, so the
 * coordinator sees replies in her own client — and after a crash between sending and recording,
 * the copy is how the worker knows a reply already went out. The copies go over one kept
 * connection (kept-connection.ts), not a login per mail.
 */
import type { ImapFlow } from 'imapflow';
import type { KeptImapConnection } from './kept-connection.js';

export interface SentFolder {
  append(raw: Buffer): Promise<void>;
  contains(messageId: string): Promise<boolean>;
}

export function createSentFolder(connection: KeptImapConnection, folder: string): SentFolder {
  /** LIST once per connection's life: after that the folder is known to exist. */
  const folderExists = async (client: ImapFlow, create: boolean): Promise<boolean> => {
    if (connection.knownFolders.has(folder)) return true;
    const exists = (await client.list()).some((m) => m.path === folder);
    if (!exists && !create) return false;
    if (!exists) await client.mailboxCreate(folder);
    connection.knownFolders.add(folder);
    return true;
  };
  return {
    async append(raw) {
      await connection.run(async (client) => {
        await folderExists(client, true);
        try {
          await client.append(folder, raw, ['\\Seen']);
        } catch (err) {
          // Someone deleted the folder since it was listed: create it again, once.
          if (!client.usable) throw err;
          connection.knownFolders.delete(folder);
          await folderExists(client, true);
          await client.append(folder, raw, ['\\Seen']);
        }
      });
    },
    async contains(messageId) {
      return connection.run(async (client) => {
        if (!(await folderExists(client, false))) return false;
        const lock = await client.getMailboxLock(folder, { readOnly: true });
        try {
          // Another process may have appended since this connection last looked: sync first.
          await client.noop();
          const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
          return Array.isArray(found) && found.length > 0;
        } finally {
          lock.release();
        }
      });
    },
  };
}
