/**
 * An attempt that finds a row already `sending` (src/adapters/smtp/deliver-once.ts), against a
 * real Dovecot (Sent, Drafts), the SMTP capture and SQLite: inside the other attempt's lease it
 * waits for that attempt's outcome; past it, the send is either found in Sent (recorded, not
 * sent) or left `uncertain` — never sent again, one copy in Drafts (none for an operator alert),
 * one incident, however many times it is looked at again.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createBlobStore, type BlobStore } from '../../../src/adapters/blobs/blob-store.js';
import { createDraftsFolder, type DraftsFolder } from '../../../src/adapters/imap/drafts-folder.js';
import { createKeptImapConnection, type KeptImapConnection } from '../../../src/adapters/imap/kept-connection.js';
import { createSentFolder, type SentFolder } from '../../../src/adapters/imap/sent-folder.js';
import { deliverOnce, type DeliveryDeps } from '../../../src/adapters/smtp/deliver-once.js';
import { createSmtpSender, type SmtpSender } from '../../../src/adapters/smtp/smtp-sender.js';
import { outboxMail } from '../../../src/adapters/store/outbox-row.js';
import type { OutboxTable } from '../../../src/adapters/store/schema.js';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../../harness/smtp-capture.js';
import { openTestStore, type TestStore } from '../../support/databases.js';

const silent = pino({ level: 'silent' });
const LEASE_MS = 2_000;

describe('deliver once: an attempt that finds the row already sending', () => {
  let dovecot: DovecotServer;
  let smtpServer: SmtpCapture;
  let t: TestStore;
  let connection: KeptImapConnection;
  let sent: SentFolder;
  let drafts: DraftsFolder;
  let smtp: SmtpSender;
  let blobs: BlobStore;
  let blobDir: string;

  before(async () => {
    dovecot = await startDovecot();
    smtpServer = await startSmtpCapture();
    t = await openTestStore('sqlite');
    connection = createKeptImapConnection(dovecot.imapEnv(), silent);
    sent = createSentFolder(connection, 'Sent');
    drafts = createDraftsFolder(connection, { folder: 'Drafts', logger: silent });
    smtp = createSmtpSender({ host: '127.0.0.1', port: smtpServer.port, secure: false, user: '', pass: '' }, silent);
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deliver-once-'));
    blobs = createBlobStore(blobDir);
  });
  after(async () => {
    smtp?.close();
    await connection?.close();
    await t?.dispose();
    await smtpServer?.stop();
    await dovecot?.stop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  const deps = (): DeliveryDeps => ({ outbox: t.store.outbox, blobs, smtp, sent, drafts, incidents: t.store.incidents, envelopeFrom: 'call@example.edu.cn', now: () => new Date(), logger: silent, sendingLeaseMs: LEASE_MS });
  const mail = (key: string) => Buffer.from([`From: call@example.edu.cn`, `To: office@example.edu.cn`, `Subject: 回复 ${key}`, `Message-ID: <${key}@example.edu.cn>`, '', `body ${key}`, ''].join('\r\n'));
  /** A row as an attempt that began `agoMs` ago and has not ended leaves it. */
  const sendingRow = async (key: string, purpose: OutboxTable['purpose'], agoMs: number) => {
    const raw = mail(key);
    const stored = await blobs.putBuffer(raw);
    const row = await t.store.outbox.claim(outboxMail({ id: `${purpose}-${key}`, purpose, subjectKey: key, messageId: `${key}@example.edu.cn`, recipient: 'office@example.edu.cn', title: `回复 ${key}`, rawSha256: stored.sha256, attachmentSha256: [], at: new Date() }));
    assert.equal(await t.store.outbox.markSending(row.id, new Date(Date.now() - agoMs).toISOString()), true);
    return { row: (await t.store.outbox.get(row.id))!, raw };
  };
  const draftCount = async (key: string) => [...(await drafts.messageIds())].filter((id) => id === `${key}@example.edu.cn`).length;
  const incidentsAbout = async (key: string) => (await t.store.incidents.open()).filter((i) => i.kind === 'send_uncertain' && i.detail.includes(`${key}@example.edu.cn`));

  it('inside the other attempt’s lease: waits for its outcome, sends nothing, writes no draft', async () => {
    const { row } = await sendingRow('in-hand', 'reply', 0);
    // The other attempt (a live process) records its send a moment later.
    const other = new Promise<void>((r) => setTimeout(r, 500)).then(() => t.store.outbox.markSent(row.id, new Date().toISOString()));
    assert.equal(await deliverOnce(row, deps()), 'already_sent');
    await other;
    assert.equal(smtpServer.messages.length, 0);
    assert.equal(await draftCount('in-hand'), 0);
    assert.deepEqual(await incidentsAbout('in-hand'), []);
  });

  it('past the lease and in Sent: recorded as sent, not sent again', async () => {
    const { row, raw } = await sendingRow('in-sent', 'reply', LEASE_MS + 1000);
    await sent.append(raw);
    assert.equal(await deliverOnce(row, deps()), 'already_sent');
    assert.equal((await t.store.outbox.get(row.id))?.status, 'sent');
    assert.equal(smtpServer.messages.length, 0);
    assert.equal(await draftCount('in-sent'), 0);
  });

  it('past the lease and not in Sent: uncertain, one copy in Drafts, one incident in Chinese — and so again on every later attempt', async () => {
    const { row } = await sendingRow('died', 'reply', LEASE_MS + 1000);
    assert.equal(await deliverOnce(row, deps()), 'uncertain');
    assert.equal(await deliverOnce(row, deps()), 'uncertain');
    assert.equal(await deliverOnce((await t.store.outbox.get(row.id))!, deps()), 'uncertain');
    assert.equal((await t.store.outbox.get(row.id))?.status, 'uncertain');
    assert.equal(smtpServer.messages.length, 0, 'never sent again');
    assert.equal(await draftCount('died'), 1);
    const incidents = await incidentsAbout('died');
    assert.equal(incidents.length, 1);
    assert.equal(Number(incidents[0]!.count), 1);
    assert.match(incidents[0]!.detail, /^回执可能已发出，也可能未发出：发送过程中进程中断.*为避免重复，系统未自动重发。回执副本已放入草稿箱/);
  });

  it('an attempt killed half-way through settling (the draft written, the row still sending) is finished without a second draft', async () => {
    const { row, raw } = await sendingRow('half', 'digest', LEASE_MS + 1000);
    await drafts.append(raw);
    assert.equal(await deliverOnce(row, deps()), 'uncertain');
    assert.equal(await draftCount('half'), 1);
    assert.match((await incidentsAbout('half'))[0]!.detail, /^每日汇总可能已发出/);
  });

  it('an operator alert left uncertain: the incident, no copy in the coordinator’s Drafts', async () => {
    const { row } = await sendingRow('alert', 'alert', LEASE_MS + 1000);
    assert.equal(await deliverOnce(row, deps()), 'uncertain');
    assert.equal(await draftCount('alert'), 0);
    assert.equal((await incidentsAbout('alert')).length, 1);
  });

  it('the alerter does not wait for another attempt: it is told to come back', async () => {
    const { row } = await sendingRow('alert-in-hand', 'alert', 0);
    await assert.rejects(deliverOnce(row, { ...deps(), waitForOtherAttempt: false }), /another attempt may still be sending it/);
    assert.equal((await t.store.outbox.get(row.id))?.status, 'sending');
  });

  it('a row whose claim took the attempt (`sending` from its commit on) is sent at once, once; the same row found later is not sent again', async () => {
    const raw = mail('taken');
    const stored = await blobs.putBuffer(raw);
    const claimed = await t.store.outbox.claimTaken(outboxMail({ id: 'reply-taken', purpose: 'reply', subjectKey: 'taken', messageId: 'taken@example.edu.cn', recipient: 'office@example.edu.cn', title: '回复 taken', rawSha256: stored.sha256, attachmentSha256: [], at: new Date() }), new Date().toISOString());
    assert.equal(claimed.taken, true);
    assert.equal(await deliverOnce(claimed.row, deps(), { prepared: raw, taken: claimed.taken }), 'sent');
    const row = await t.store.outbox.get('reply-taken');
    assert.deepEqual([row?.status, Number(row?.attempts)], ['sent', 1]);
    assert.equal(await deliverOnce(row!, deps()), 'already_sent');
    assert.equal(smtpServer.messages.filter((m) => m.raw.includes('taken@example.edu.cn')).length, 1);
    // Without `taken`, the same `sending` row is another attempt's: waited for, never sent (the first test).
  });

  it('the mail leaves only once the row of its attempt is flushed to disk; a flush that fails sends nothing', async () => {
    const raw = mail('flushed');
    const stored = await blobs.putBuffer(raw);
    const claimed = await t.store.outbox.claimTaken(outboxMail({ id: 'reply-flushed', purpose: 'reply', subjectKey: 'flushed', messageId: 'flushed@example.edu.cn', recipient: 'office@example.edu.cn', title: '回复 flushed', rawSha256: stored.sha256, attachmentSha256: [], at: new Date() }), new Date().toISOString());
    const arrived = () => smtpServer.messages.filter((m) => m.raw.includes('flushed@example.edu.cn')).length;
    const seen: { status: string | undefined; arrived: number }[] = [];
    let failures = 1;
    const flushCommits = async () => {
      seen.push({ status: (await t.store.outbox.get('reply-flushed'))?.status, arrived: arrived() });
      if (failures-- > 0) throw new Error('the disk did not flush (test)');
    };
    await assert.rejects(deliverOnce(claimed.row, { ...deps(), flushCommits }, { prepared: raw, taken: true }), /the disk did not flush/);
    assert.equal(arrived(), 0);
    // Nothing was asked of SMTP, so the row is put back to be sent again, not left for an attempt that may have sent it.
    const back = await t.store.outbox.get('reply-flushed');
    assert.equal(back?.status, 'pending');
    assert.equal(await deliverOnce(back!, { ...deps(), flushCommits }), 'sent');
    assert.deepEqual(seen, [{ status: 'sending', arrived: 0 }, { status: 'sending', arrived: 0 }]);
    assert.equal(arrived(), 1);
  });

  it('a draft is written only once the row of its attempt is flushed to disk', async () => {
    const raw = mail('draft-flushed');
    const stored = await blobs.putBuffer(raw);
    const claimed = await t.store.outbox.claimTaken(outboxMail({ id: 'reply-draft-flushed', purpose: 'reply', subjectKey: 'draft-flushed', messageId: 'draft-flushed@example.edu.cn', recipient: 'office@example.edu.cn', title: '回复 draft-flushed', rawSha256: stored.sha256, attachmentSha256: [], channel: 'draft', at: new Date() }), new Date().toISOString());
    const seen: { status: string | undefined; drafts: number }[] = [];
    const flushCommits = async () => void seen.push({ status: (await t.store.outbox.get('reply-draft-flushed'))?.status, drafts: await draftCount('draft-flushed') });
    assert.equal(await deliverOnce(claimed.row, { ...deps(), flushCommits }, { prepared: raw, taken: true }), 'drafted');
    assert.deepEqual(seen, [{ status: 'drafting', drafts: 0 }]);
    assert.equal(await draftCount('draft-flushed'), 1);
  });
});
