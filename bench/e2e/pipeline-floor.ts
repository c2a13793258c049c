/**
 * The pipeline floor: the bare libraries doing, for each bench mail, every step the worker must
 * take for it, with none of our code around them, in one process of their own. The parse-and-read
 * ceiling (ceiling.ts) is the least any worker must spend on the form; this is the least the
 * fixed libraries spend on the whole path from the mailbox to the reply (bench/README.md,
 * "The pipeline floor"):
 *
 *   per batch: SEARCH UNSEEN, one FETCH of the sources, one STORE \Seen                imapflow
 *   the raw mail written, flushed and renamed under its SHA-256                       node:fs
 *   a message row                                                                     better-sqlite3
 *   three queue hops: ingest → validate → reply                                       bullmq
 *   the MIME parse                                                                    mailparser
 *   the attachment written, flushed and renamed; attachment row + state (one commit)  node:fs, better-sqlite3
 *   the attachment read back and loaded                                               exceljs
 *   a version row + the submission's state (one commit)                               better-sqlite3
 *   the reply composed (text and HTML, threading headers), written, flushed, renamed  nodemailer, node:fs
 *   an outbox row; the send over a pooled transport; the row marked sent              better-sqlite3, nodemailer
 *   a copy APPENDed to Sent over a kept connection                                    imapflow
 *
 * What it leaves out, and the worker does: judging the form, the file inspection before exceljs
 * (docs/limits.md), the reading process and its IPC, the checks on every stored row, the logs.
 * So the worker's CPU per mail ÷ this floor says how much our own code and guarantees cost.
 *
 * Run by run-e2e.ts as a child process (its CPU is this process's alone, not the bench's SMTP
 * capture's): `node --import tsx bench/e2e/pipeline-floor.ts '<json FloorJob>'`; prints one JSON
 * line `{ "cpuMsPerMail": [...], "mailsPerSecond": [...] }`, one figure of each per timed phase.
 * run-e2e.ts also runs two at once (each on a folder, queues and database of its own) to learn
 * what this host lets a second process add (bench/README.md, "Two floors at once").
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import ExcelJS from 'exceljs';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export interface FloorJob {
  imap: { host: string; port: number; user: string; pass: string };
  smtp: { host: string; port: number };
  redisUrl: string;
  /** Files of raw mails (one per mail), cycled through. */
  mailFiles: string[];
  warmup: number;
  perPhase: number;
  phases: number;
}

const flush = promisify(fs.fsync);
const job = JSON.parse(process.argv[2] ?? 'null') as FloorJob | null;
if (!job) throw new Error("usage: pipeline-floor.ts '<json FloorJob>' (run by run-e2e.ts)");
const raws = job.mailFiles.map((f) => fs.readFileSync(f));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-floor-'));
const folder = `floor-${process.pid}`;
const sentFolder = `${folder}-sent`;
const prefix = `floor-${process.pid}-${randomBytes(4).toString('hex')}`;

/** A blob as the worker's store keeps one: hashed, written to a temporary file, flushed, renamed. */
async function putBlob(bytes: Buffer): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const tmp = path.join(dir, `tmp-${randomBytes(8).toString('hex')}`);
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, bytes);
  await flush(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, path.join(dir, sha));
  return sha;
}

const db = new Database(path.join(dir, 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  create table messages (id text primary key, message_id text, raw_sha256 text, state text, subject text);
  create table attachments (message_id text, sha256 text, file_name text, primary key (message_id, sha256));
  create table versions (submission_id text, number integer, message_id text, status text, primary key (submission_id, number));
  create table submissions (id text primary key, latest integer);
  create table outbox (id text primary key, message_id text, state text, raw_sha256 text);
`);
const insertMessage = db.prepare('insert into messages (id, message_id, raw_sha256, state) values (?, ?, ?, ?)');
const ingested = db.prepare('update messages set state = ?, subject = ? where id = ?');
const insertAttachment = db.prepare('insert into attachments (message_id, sha256, file_name) values (?, ?, ?)');
const insertVersion = db.prepare('insert into versions (submission_id, number, message_id, status) values (?, ?, ?, ?)');
const upsertSubmission = db.prepare('insert into submissions (id, latest) values (?, ?) on conflict (id) do update set latest = excluded.latest');
const insertOutbox = db.prepare('insert into outbox (id, message_id, state, raw_sha256) values (?, ?, ?, ?)');
const markSent = db.prepare('update outbox set state = ? where id = ?');
const recordIngest = db.transaction((id: string, subject: string, sha: string, name: string) => {
  insertAttachment.run(id, sha, name);
  ingested.run('ingested', subject, id);
});
const recordVersion = db.transaction((id: string, n: number) => {
  insertVersion.run(id, n, id, 'accepted');
  upsertSubmission.run(id, n);
});

const imapOptions = { host: job.imap.host, port: job.imap.port, secure: false, auth: { user: job.imap.user, pass: job.imap.pass }, logger: false as const };
const watcher = new ImapFlow(imapOptions);
const sent = new ImapFlow(imapOptions);
for (const c of [watcher, sent]) c.on('error', () => undefined);
await watcher.connect();
await sent.connect();
await watcher.mailboxCreate(folder);
await watcher.mailboxCreate(sentFolder);
const transport = nodemailer.createTransport({ host: job.smtp.host, port: job.smtp.port, secure: false, pool: true, maxConnections: 3, tls: { rejectUnauthorized: false } });

const connection = new Redis(job.redisUrl, { maxRetriesPerRequest: null });
const queueOf = (name: string) => new Queue(name, { connection, prefix });
const ingestQ = queueOf('ingest');
const validateQ = queueOf('validate');
const replyQ = queueOf('reply');
// BullMQ leaves a connection it was handed open on close(): each is ended at the end.
const workerConnections = [0, 1, 2].map(() => connection.duplicate({ maxRetriesPerRequest: null }));
const answered = new Map<string, () => void>();
const done = { until: (id: string) => new Promise<void>((resolve) => answered.set(id, resolve)) };
let version = 0;

const workers = [
  new Worker<{ id: string; sha: string }>('ingest', async (j) => {
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, j.data.sha)));
    const file = parsed.attachments[0]!;
    const sha = await putBlob(file.content);
    recordIngest(j.data.id, parsed.subject ?? '', sha, file.filename ?? '');
    await validateQ.add('validate', { id: j.data.id, sha, from: parsed.from?.value[0]?.address ?? '', subject: parsed.subject ?? '', messageId: parsed.messageId ?? '' }, { jobId: `v-${j.data.id}` });
  }, { connection: workerConnections[0]!, prefix, concurrency: 4 }),
  new Worker<{ id: string; sha: string; from: string; subject: string; messageId: string }>('validate', async (j) => {
    await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(path.join(dir, j.data.sha)) as unknown as ArrayBuffer);
    recordVersion(j.data.id, ++version);
    await replyQ.add('reply', { id: j.data.id, from: j.data.from, subject: j.data.subject, messageId: j.data.messageId }, { jobId: `r-${j.data.id}` });
  }, { connection: workerConnections[1]!, prefix, concurrency: 2 }),
  new Worker<{ id: string; from: string; subject: string; messageId: string }>('reply', async (j) => {
    const text = `您好：\n\n已收到贵单位的推荐表（${j.data.subject}），审核通过。\n\n科技活动周组委会`;
    const raw = await new MailComposer({
      from: 'mywu@bjtu.edu.cn', to: j.data.from, subject: `Re: ${j.data.subject}`,
      inReplyTo: j.data.messageId, references: [j.data.messageId],
      text, html: `<p>${text.replace(/\n/g, '<br>')}</p>`,
    }).compile().build();
    const sha = await putBlob(raw);
    insertOutbox.run(j.data.id, j.data.messageId, 'sending', sha);
    await transport.sendMail({ envelope: { from: 'mywu@bjtu.edu.cn', to: [j.data.from] }, raw });
    markSent.run('sent', j.data.id);
    await sent.append(sentFolder, raw, ['\\Seen']);
    answered.get(j.data.id)?.();
  }, { connection: workerConnections[2]!, prefix, concurrency: 2 }),
];
// A step that fails stops the run with its error, instead of leaving it waiting for a reply.
const failed = new Promise<never>((_, reject) => {
  for (const w of workers) w.on('failed', (_job, err) => reject(err));
});
failed.catch(() => undefined);
await Promise.all(workers.map((w) => w.waitUntilReady()));

let serial = 0;
/** One phase: `count` mails delivered (not timed), then taken, answered and marked; CPU ms per mail and mails a second. */
async function phase(count: number): Promise<{ cpuMs: number; perSecond: number }> {
  const appender = new ImapFlow(imapOptions);
  appender.on('error', () => undefined);
  await appender.connect();
  for (let i = 0; i < count; i++) await appender.append(folder, raws[(serial + i) % raws.length]!);
  await appender.logout();

  const start = process.cpuUsage();
  const startedAt = performance.now();
  const lock = await watcher.getMailboxLock(folder);
  const replies: Promise<void>[] = [];
  try {
    await watcher.noop(); // the new mail's EXISTS
    for await (const m of watcher.fetch({ seen: false }, { uid: true, source: true })) {
      const id = `m${serial++}`;
      const sha = await putBlob(m.source!);
      insertMessage.run(id, id, sha, 'stored');
      replies.push(done.until(id));
      await ingestQ.add('ingest', { id, sha }, { jobId: id });
    }
    await watcher.messageFlagsAdd({ seen: false }, ['\\Seen']);
  } finally {
    lock.release();
  }
  await Promise.race([Promise.all(replies), failed]);
  const used = process.cpuUsage(start);
  return { cpuMs: (used.user + used.system) / 1000 / replies.length, perSecond: replies.length / ((performance.now() - startedAt) / 1000) };
}

try {
  await phase(job.warmup);
  const timed: { cpuMs: number; perSecond: number }[] = [];
  for (let p = 0; p < job.phases; p++) timed.push(await phase(job.perPhase));
  process.stdout.write(`${JSON.stringify({ cpuMsPerMail: timed.map((t) => t.cpuMs), mailsPerSecond: timed.map((t) => t.perSecond) })}\n`);
} finally {
  await Promise.all(workers.map((w) => w.close()));
  for (const q of [ingestQ, validateQ, replyQ]) {
    await q.obliterate({ force: true });
    await q.close();
  }
  for (const c of [...workerConnections, connection]) await c.quit();
  transport.close();
  await watcher.mailboxDelete(folder).catch(() => undefined);
  await watcher.mailboxDelete(sentFolder).catch(() => undefined);
  await watcher.logout();
  await sent.logout();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
