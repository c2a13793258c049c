/**
 * The Drafts folder against a real Dovecot: a draft is stored with \Draft, found again by its
 * Message-ID (how a retry after a crash knows it is there), and counted for the digest.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createDraftsFolder } from '../../../src/adapters/imap/drafts-folder.js';
import { createKeptImapConnection, type KeptImapConnection } from '../../../src/adapters/imap/kept-connection.js';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { unitMailWith } from '../../support/mail-builder.js';

const silent = pino({ level: 'silent' });

describe('the Drafts folder', () => {
  let dovecot: DovecotServer;
  let imap: KeptImapConnection;
  before(async () => {
    dovecot = await startDovecot();
    imap = createKeptImapConnection(dovecot.imapEnv(), silent);
  });
  after(async () => {
    await imap?.close();
    await dovecot?.stop();
  });

  const reply = (id: string) => unitMailWith({ from: 'mywu@bjtu.edu.cn', subject: '【回执】测试', messageId: `<${id}@bjtu.edu.cn>`, inReplyTo: '<orig@example.edu.cn>' });
  const flagsIn = (folder: string) =>
    dovecot.withClient(dovecot.users[0]!.user, async (client) => {
      const lock = await client.getMailboxLock(folder);
      try {
        const out: string[][] = [];
        for await (const m of client.fetch('1:*', { flags: true })) out.push([...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort());
        return out;
      } finally {
        lock.release();
      }
    });

  it('a folder that does not exist yet: nothing in it, then created by the first draft, stored as \\Draft', async () => {
    const drafts = createDraftsFolder(imap, { logger: silent });
    assert.equal(await drafts.contains('reply.a@bjtu.edu.cn'), false);
    assert.deepEqual(await drafts.messageIds(), new Set());
    await drafts.append(await reply('reply.a'));
    assert.equal(await drafts.contains('reply.a@bjtu.edu.cn'), true);
    assert.equal(await drafts.contains('reply.b@bjtu.edu.cn'), false);
    assert.deepEqual(await flagsIn('Drafts'), [['\\Draft', '\\Seen']]);
  });

  it('lists the Message-IDs of what is in Drafts, so the digest can count the drafts still waiting', async () => {
    const drafts = createDraftsFolder(imap, { logger: silent });
    await drafts.append(await reply('reply.b'));
    assert.deepEqual(await drafts.messageIds(), new Set(['reply.a@bjtu.edu.cn', 'reply.b@bjtu.edu.cn']));
  });

  it('a configured folder with a Chinese name is used as given', async () => {
    const drafts = createDraftsFolder(imap, { folder: '草稿箱', logger: silent });
    await drafts.append(await reply('reply.c'));
    assert.deepEqual(await drafts.messageIds(), new Set(['reply.c@bjtu.edu.cn']));
    assert.deepEqual(await flagsIn('草稿箱'), [['\\Draft', '\\Seen']]);
  });
});
