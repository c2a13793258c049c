/**
 * What a digest job needs around it in tests, all real: a store (SQLite or PostgreSQL), a blob
 * directory, smtp-server capturing what is sent, and a Dovecot whose Sent folder gets the copies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { createBlobStore } from '../../../src/adapters/blobs/blob-store.js';
import type { Campaign, Unit } from '../../../src/domain/campaign/campaign-schema.js';
import { createKeptImapConnection } from '../../../src/adapters/imap/kept-connection.js';
import { createDraftsFolder } from '../../../src/adapters/imap/drafts-folder.js';
import { createSentFolder } from '../../../src/adapters/imap/sent-folder.js';
import { createSmtpSender, type SmtpSender } from '../../../src/adapters/smtp/smtp-sender.js';
import { createDigestJob, type DigestJob } from '../../../src/stages/digest/digest-job.js';
import { createDigestRepo } from '../../../src/adapters/store/digest-repo.js';
import type { Store } from '../../../src/adapters/store/store.js';
import type { DovecotServer } from '../../harness/dovecot.js';
import type { SmtpCapture } from '../../harness/smtp-capture.js';
import { shippedDefinitions } from './store-seed.js';

export const silent = pino({ level: 'silent' });

export interface JobRig {
  job: DigestJob;
  clock: { now: Date };
  close(): Promise<void>;
}

export function digestJobFor(store: Store, o: { campaign: Campaign; units: readonly Unit[]; smtp: SmtpCapture; dovecot: DovecotServer; imapUser: string; blobDir: string; now: Date }): JobRig {
  const clock = { now: o.now };
  const sender: SmtpSender = createSmtpSender({ host: o.smtp.host, port: o.smtp.port, secure: false, user: '', pass: '' }, silent);
  const imap = createKeptImapConnection(o.dovecot.imapEnv(o.imapUser), silent);
  const job = createDigestJob({
    campaign: o.campaign,
    units: o.units,
    definitions: shippedDefinitions(),
    digests: createDigestRepo(store.db),
    outbox: store.outbox,
    blobs: createBlobStore(o.blobDir),
    incidents: store.incidents,
    learned: store.learnedAddresses,
    delivery: {
      smtp: sender,
      sent: createSentFolder(imap, 'Sent'),
      drafts: createDraftsFolder(imap, { logger: silent }),
      envelopeFrom: o.campaign.mailbox.address,
    },
    now: () => clock.now,
    logger: silent,
  });
  return { job, clock, close: async () => {
      sender.close();
      await imap.close();
    },
  };
}

export const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));

export async function parsedMessages(smtp: SmtpCapture): Promise<(ParsedMail & { rcptTo: string[] })[]> {
  return Promise.all(smtp.messages.map(async (m) => Object.assign(await simpleParser(m.raw), { rcptTo: m.envelope.rcptTo })));
}

/** Message-IDs in a user's Sent folder. */
export async function sentFolderIds(dovecot: DovecotServer, user: string): Promise<string[]> {
  return dovecot.withClient(user, async (client) => {
    if (!(await client.list()).some((m) => m.path === 'Sent')) return [];
    const lock = await client.getMailboxLock('Sent');
    try {
      const ids: string[] = [];
      for await (const m of client.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
      return ids;
    } finally {
      lock.release();
    }
  });
}
