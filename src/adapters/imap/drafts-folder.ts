/**
 * The mailbox's Drafts folder, where `draft` mode writes each reply for the coordinator to read,
 * edit and send from her own client (docs/coordinator-guide.md). A draft is the very message the
 * worker would have sent — same threading headers, same attachments — appended with `\Draft`.
 * Its Message-ID is how a retry after a crash knows the draft is already there. Drafts go over
 * the same kept connection as the copies to Sent (kept-connection.ts).
 */
import type { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { KeptImapConnection } from './kept-connection.js';

export interface DraftsFolder {
  append(raw: Buffer): Promise<void>;
  contains(messageId: string): Promise<boolean>;
  /** The Message-IDs (without angle brackets) of every message now in Drafts. */
  messageIds(): Promise<Set<string>>;
}

export interface DraftsFolderOptions {
  /** The configured folder; unset, the server's `\Drafts` special-use folder (RFC 6154), else `Drafts`. */
  folder?: string | undefined;
  logger: Logger;
}

export function createDraftsFolder(connection: KeptImapConnection, opts: DraftsFolderOptions): DraftsFolder {
  let resolved: string | null = opts.folder ?? null;

  /** The folder's path, created when asked; null when it does not exist and may not be created. */
  const locate = async (client: ImapFlow, create: boolean): Promise<string | null> => {
    if (resolved && connection.knownFolders.has(resolved)) return resolved;
    const list = await client.list();
    resolved ??= list.find((m) => m.specialUse === '\\Drafts')?.path ?? 'Drafts';
    const path = resolved;
    if (!list.some((m) => m.path === path)) {
      if (!create) return null;
      await client.mailboxCreate(path);
    }
    connection.knownFolders.add(path);
    return path;
  };
  const reading = <T>(fn: (client: ImapFlow) => Promise<T>, empty: T): Promise<T> =>
    connection.run(async (client) => {
      const path = await locate(client, false);
      if (!path) return empty;
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        // Another process may have appended since this connection last looked: sync first.
        await client.noop();
        return await fn(client);
      } finally {
        lock.release();
      }
    });

  return {
    async append(raw) {
      await connection.run(async (client) => {
        const path = (await locate(client, true))!;
        // \Seen too: a draft the worker wrote is not unread mail.
        const res = await client.append(path, raw, ['\\Draft', '\\Seen']);
        if (!res) {
          // Deleted since it was listed, or refused: list again on the next try (the queue retries).
          connection.knownFolders.delete(path);
          throw new Error(`the server did not store the draft in ${path}`);
        }
      });
    },
    async contains(messageId) {
      return reading(async (client) => {
        const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        opts.logger.debug({ messageId, found: found ? found.length : 0 }, 'looked for a draft');
        return Array.isArray(found) && found.length > 0;
      }, false);
    },
    async messageIds() {
      return reading(async (client) => {
        const ids = new Set<string>();
        if (client.mailbox && client.mailbox.exists === 0) return ids;
        for await (const m of client.fetch('1:*', { envelope: true })) {
          const id = m.envelope?.messageId?.replace(/^<|>$/g, '');
          if (id) ids.add(id);
        }
        return ids;
      }, new Set<string>());
    },
  };
}
