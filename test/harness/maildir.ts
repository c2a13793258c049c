/**
 * Fills a test Dovecot's Maildir directly, for mailboxes too big to APPEND one by one (years of a
 * coordinator's mail). Dovecot reads a Maildir file's mtime as the message's INTERNALDATE and
 * indexes new files at the next SELECT. Call it before any client has opened the folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DovecotServer } from './dovecot.js';

export interface MaildirMessage {
  raw: Buffer;
  internalDate: Date;
}

/** Writes the messages into `folder` (`INBOX` or a top-level folder) of `user`'s Maildir. */
export async function fillMaildir(server: DovecotServer, user: string, folder: string, messages: readonly MaildirMessage[]): Promise<void> {
  const root = path.join(server.dir, 'home', user, 'Maildir');
  const box = folder === 'INBOX' ? root : path.join(root, `.${folder}`);
  for (const sub of ['cur', 'new', 'tmp']) await fs.mkdir(path.join(box, sub), { recursive: true });
  if (folder !== 'INBOX') await fs.writeFile(path.join(box, 'maildirfolder'), '');
  let n = 0;
  for (const m of messages) {
    const seconds = Math.floor(m.internalDate.getTime() / 1000);
    // Maildir file name: time.unique.host, then `:2,` and no flags (RFC-less, see cr.yp.to/proto/maildir.html).
    const file = path.join(box, 'cur', `${seconds}.M${++n}P${process.pid}.test:2,`);
    await fs.writeFile(file, m.raw);
    await fs.utimes(file, m.internalDate, m.internalDate);
  }
  // Dovecot runs as `nobody` when the tests run as root: it must own what it reads and indexes.
  if (process.getuid?.() === 0) {
    for (let dir = box; dir.startsWith(path.join(server.dir, 'home')); dir = path.dirname(dir)) await fs.chown(dir, 65534, 65534);
    for (const entry of await fs.readdir(box, { withFileTypes: true, recursive: true })) await fs.chown(path.join(entry.parentPath, entry.name), 65534, 65534);
  }
}
