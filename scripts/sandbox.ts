/**
 * The sandbox: the real worker against a throwaway local mailbox. It starts Dovecot and an SMTP
 * capture on loopback ports, delivers the sample unit mails in `test/fixtures/mail` (and any
 * `.eml` under `test/fixtures/sandbox`), with the coordinator's everyday mail beside them (a few
 * old messages from before the call opened, and office mail since: scripts/make-everyday-mails.ts),
 * runs the worker until every queue is empty, and prints what happened: the old mail left alone
 * unread, the everyday mail left alone and not kept, only the units answered. Then two bounces
 * arrive (scripts/sandbox-bounces.ts): one of a reply sent, which stops mail to that address, and
 * one of her own mail, left alone. The store stays in `.sandbox/data` so `inbox-worker status` can be run after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { parseDocument } from 'yaml';
import { buildApp } from '../src/app/build-app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { createLogger } from '../src/app/logger.js';
import { runExportCommand } from '../src/cli/export-command.js';
import { collectStatus, formatStatus } from '../src/cli/status-command.js';
import { startDovecot } from '../test/harness/dovecot.js';
import { everydayMails } from './make-everyday-mails.js';
import { sandboxBounces } from './sandbox-bounces.js';
import { useRedis } from '../test/harness/redis.js';
import { startSmtpCapture } from '../test/harness/smtp-capture.js';

const root = path.resolve(import.meta.dirname, '..');
const sandboxDir = path.join(root, '.sandbox');
const sampleDirs = [path.join(root, 'test/fixtures/mail'), path.join(root, 'test/fixtures/sandbox')];

/**
 * The shipped config, with the sample units' reserved domain (example.edu.cn) allowed so that the
 * sandbox shows the replies a real unit would get, and replies sent (`send`) rather than written
 * as drafts as the shipped config does, so that they can be read in the captured mail.
 */
function sandboxConfig(): string {
  const dir = path.join(sandboxDir, 'config');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'config'))) fs.copyFileSync(path.join(root, 'config', f), path.join(dir, f));
  const file = path.join(dir, 'campaign.yaml');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  doc.setIn(['allowedSenderDomains'], ['bjtu.edu.cn', 'example.edu.cn']);
  doc.setIn(['replies', 'mode'], 'send');
  fs.writeFileSync(file, doc.toString());
  return dir;
}

async function main(): Promise<void> {
  fs.rmSync(sandboxDir, { recursive: true, force: true });
  fs.mkdirSync(sandboxDir, { recursive: true });
  const configDir = sandboxConfig();
  const dovecot = await startDovecot({ users: [{ user: 'mywu', pass: 'sandbox' }] });
  const smtp = await startSmtpCapture();
  const redis = await useRedis();
  const prefix = `sandbox-${Date.now().toString(36)}`;
  try {
    const samples = sampleDirs.filter((d) => fs.existsSync(d)).flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.eml')).sort().map((f) => path.join(d, f)));
    for (const file of samples) await dovecot.append('mywu', 'INBOX', fs.readFileSync(file));
    // The coordinator's own mail: last year's, and this week's office mail that is none of the call's business.
    const old = await everydayMails(4, { from: new Date('2024-09-01T00:00:00Z'), to: new Date('2025-03-01T00:00:00Z'), seed: 7, prefix: 'sandbox-old' });
    const everyday = await everydayMails(9, { from: new Date(Date.now() - 3 * 24 * 3600 * 1000), to: new Date(), prefix: 'sandbox-day' });
    for (const m of [...old, ...everyday]) await dovecot.append('mywu', 'INBOX', m.raw, [], m.internalDate);
    console.log(`sandbox: delivered ${samples.length} sample mail(s), ${old.length} old and ${everyday.length} everyday mail(s) to a local Dovecot on 127.0.0.1:${dovecot.port}`);

    const imap = dovecot.imapEnv('mywu');
    const config = loadAppConfig({
      IMAP_HOST: imap.host,
      IMAP_PORT: String(imap.port),
      IMAP_SECURE: 'false',
      IMAP_USER: imap.user,
      IMAP_PASS: imap.pass,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      REDIS_URL: redis.url,
      DATA_DIR: path.join(sandboxDir, 'data'),
      INBOX_CONFIG_DIR: configDir,
      QUEUE_PREFIX: prefix,
      WATCH_POLL_SECONDS: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const logger = createLogger({ level: config.env.logLevel });
    const app = await buildApp(config, { logger });
    // No daily scheduler: the sandbox sends its digest on demand below and leaves nothing repeating in Redis.
    await app.start(['watcher', 'ingest', 'validate', 'reply']);
    const settle = async () => {
      let quiet = 0;
      const deadline = Date.now() + 5 * 60_000;
      while (quiet < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        const taken = await app.runWatcherRound();
        quiet = taken === 0 && (await app.pendingJobs()) === 0 ? quiet + 1 : 0;
      }
    };
    await settle();
    // Bounces come back after the replies: one of the worker's own reply, one of her own mail to the same unit.
    const bounces = await sandboxBounces(smtp.messages, 'mywu@bjtu.edu.cn');
    if (bounces) {
      await dovecot.append('mywu', 'INBOX', bounces.ofHerMail);
      await dovecot.append('mywu', 'INBOX', bounces.ofReply);
      await settle();
    }
    const suppressed = (await app.store.outbox.suppressions()).map((s) => s.address);
    // The coordinator's view: today's digest, sent now, and the merged workbook beside the store.
    const digest = await app.digest.sendOnDemand({ owner: 'sandbox' });
    const exported = await runExportCommand(app, { out: path.join(sandboxDir, 'merged.xlsx') });
    const status = await collectStatus(app);
    await app.close();

    console.log('\n== what the worker did');
    console.log(formatStatus(status));
    if (bounces) console.log(`\n== bounces: one of the worker's reply to ${bounces.address} and one of her own mail to it; suppressed now: ${suppressed.join(', ') || 'none'} (the bounce of her mail is left alone: unrelated)`);
    console.log(`\n== mail sent by the worker (captured on 127.0.0.1:${smtp.port}): ${smtp.messages.length}`);
    for (const m of smtp.messages) {
      const mail = await simpleParser(m.raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
      console.log(`  to ${m.envelope.rcptTo.join(', ')}: ${mail.subject ?? '(no subject)'}`);
    }
    console.log(`\n== the coordinator's digest: ${digest.outcome}: ${digest.subject}`);
    console.log(`== ${exported}`);
    console.log(`\nThe store is kept in ${path.relative(root, path.join(sandboxDir, 'data'))}; look again with:`);
    console.log(`  DATA_DIR=.sandbox/data REDIS_URL=${redis.url} QUEUE_PREFIX=${prefix} npx inbox-worker status`);
  } finally {
    await smtp.stop();
    await dovecot.stop();
    await redis.stop();
  }
}

await main();
