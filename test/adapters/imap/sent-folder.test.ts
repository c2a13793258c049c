/**
 * Copies to Sent over one kept connection: many copies, one login; a server restart in between
 * costs one new login and no copy. Against a real Dovecot.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createKeptImapConnection, type KeptImapConnection } from '../../../src/adapters/imap/kept-connection.js';
import { createSentFolder, type SentFolder } from '../../../src/adapters/imap/sent-folder.js';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';

const silent = pino({ level: 'silent' });
const mail = (n: number) =>
  Buffer.from([`From: a@example.edu.cn`, `To: b@example.edu.cn`, `Subject: copy ${n}`, `Message-ID: <copy-${n}@example.edu.cn>`, '', `body ${n}`, ''].join('\r\n'));

describe('the Sent folder over a kept IMAP connection', () => {
  let dovecot: DovecotServer;
  let connection: KeptImapConnection;
  let sent: SentFolder;

  before(async () => {
    dovecot = await startDovecot();
    connection = createKeptImapConnection(dovecot.imapEnv(), silent);
    sent = createSentFolder(connection, 'Sent');
  });
  after(async () => {
    await connection?.close();
    await dovecot?.stop();
  });

  const sentIds = () =>
    dovecot.withClient(dovecot.users[0]!.user, async (client) => {
      const lock = await client.getMailboxLock('Sent');
      try {
        const ids: string[] = [];
        for await (const m of client.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
        return ids.sort();
      } finally {
        lock.release();
      }
    });

  it('five copies (the folder created on the way) go over one login', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => sent.append(mail(n))));
    assert.equal(connection.logins, 1);
    assert.deepEqual(await sentIds(), [1, 2, 3, 4, 5].map((n) => `<copy-${n}@example.edu.cn>`));
    assert.equal(await sent.contains('<copy-3@example.edu.cn>'), true);
    assert.equal(await sent.contains('<nowhere@example.edu.cn>'), false);
    assert.equal(connection.logins, 1, 'looking is done on the same connection');
  });

  it('after the server restarts, the next copy reconnects once and is stored', async () => {
    await dovecot.halt();
    await dovecot.resume();
    await sent.append(mail(6));
    await sent.append(mail(7));
    assert.equal(connection.logins, 2);
    assert.equal((await sentIds()).length, 7);
    assert.equal(await sent.contains('<copy-6@example.edu.cn>'), true);
  });

  it('a copy appended by another client is found (the kept connection syncs before searching)', async () => {
    await dovecot.append(dovecot.users[0]!.user, 'Sent', mail(8));
    assert.equal(await sent.contains('<copy-8@example.edu.cn>'), true);
  });
});
