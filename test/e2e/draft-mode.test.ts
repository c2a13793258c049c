/**
 * `replies.mode: draft` — the coordinator checks the worker's replies before units see them. A run
 * of 40 submissions leaves exactly 40 drafts in Drafts (threaded, the annotated workbook with each
 * correction request) and sends nothing to a unit; a SIGKILL between writing a draft and recording
 * it, another SIGKILL from outside halfway through, and restarts still leave exactly 40;
 * switching to `send` afterwards sends none of them.
 * Real Dovecot, Redis, smtp-server and SQLite, the worker run as a process.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { simpleParser, type ParsedMail } from 'mailparser';
import { parseDocument } from 'yaml';
import { loadCampaignConfig } from '../../src/config/load-config.js';
import { unitMailWith } from '../support/mail-builder.js';
import { runWorkerCommand, spawnWorker, waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { projectRoot } from '../support/worker-env.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const SUBMISSIONS = 40;
/** Every fourth unit's form has mistakes: a correction request with the annotated workbook. */
const withMistakes = (i: number) => i % 4 === 0;
const unitNames = loadCampaignConfig(path.join(projectRoot, 'config')).units.map((u) => u.name);

interface Draft {
  uid: number;
  flags: Set<string>;
  mail: ParsedMail;
}

describe('draft mode: replies written into Drafts for the coordinator', () => {
  let stack: WorkerStack;

  before(async () => {
    stack = await startWorkerStack('draft-mode', {
      campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'], replies: { mode: 'draft' } },
      extraEnv: { REPLY_RETRY_SECONDS: '0.5' },
    });
  });
  after(() => stack?.stop());

  const user = () => stack.dovecot.users[0]!.user;
  const replyRows = () => {
    const db = new SQLite(path.join(stack.dataDir, 'inbox.sqlite'), { readonly: true });
    try {
      return db.prepare("SELECT subject_key, message_id, status, channel FROM outbox WHERE purpose = 'reply'").all() as { subject_key: string; message_id: string; status: string; channel: string }[];
    } finally {
      db.close();
    }
  };
  const drafts = (): Promise<Draft[]> =>
    stack.dovecot.withClient(user(), async (client) => {
      if (!(await client.list()).some((m) => m.path === 'Drafts')) return [];
      const lock = await client.getMailboxLock('Drafts');
      try {
        if (client.mailbox && client.mailbox.exists === 0) return [];
        const fetched: { uid: number; flags: Set<string>; source: Buffer }[] = [];
        for await (const m of client.fetch('1:*', { uid: true, flags: true, source: true })) fetched.push({ uid: m.uid, flags: m.flags ?? new Set(), source: m.source! });
        return Promise.all(fetched.map(async (f) => ({ uid: f.uid, flags: f.flags, mail: await simpleParser(f.source) })));
      } finally {
        lock.release();
      }
    });
  const mailToUnits = () => stack.smtp.messages.filter((m) => m.envelope.rcptTo.some((r) => r.endsWith('@example.edu.cn')));

  it('40 submissions, the worker SIGKILLed after writing a draft, again halfway, and restarted → exactly 40 drafts, nothing sent', async (t) => {
    for (let i = 0; i < SUBMISSIONS; i++) {
      const unit = unitNames[i % unitNames.length]!;
      const rows = withMistakes(i) ? [activity(1, { startDate: '5.20' })] : [activity(1), activity(2)];
      const raw = await unitMailWith({
        from: `unit${i}@example.edu.cn`,
        subject: `${unit} 推荐表`,
        messageId: `<draft-${i}@example.edu.cn>`,
        attachments: [{ filename: '推荐表.xlsx', content: await recommendationForm(unit, rows) }],
      });
      await stack.deliver(raw);
    }

    const doomed = spawnWorker(['start'], { ...stack.env, INBOX_FAULT: 'crash-after-draft' });
    const code = await Promise.race([doomed.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000))]);
    assert.notEqual(code, 'timeout', `the worker should have been killed after its first draft:\n${doomed.stderr()}`);
    const atCrash = replyRows();
    assert.ok(atCrash.some((r) => r.status === 'drafting'), 'a draft was written but never recorded');
    const draftedAtCrash = (await drafts()).length;
    assert.ok(draftedAtCrash >= 1 && draftedAtCrash < SUBMISSIONS, `killed mid-run (${draftedAtCrash} drafts so far)`);
    t.diagnostic(`killed with ${draftedAtCrash} draft(s) in Drafts, ${atCrash.length} reply row(s) claimed`);

    // Restarted, then killed again from outside with SIGKILL in the middle of the drafting.
    const second = spawnWorker(['start'], stack.env);
    try {
      await waitFor('about half of the drafts to be written', async () => replyRows().filter((r) => r.status === 'drafted').length >= SUBMISSIONS / 2, 300_000, 100);
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
    const midRun = replyRows().filter((r) => r.status === 'drafted').length;
    assert.ok(midRun < SUBMISSIONS, `the second kill came mid-run (${midRun} drafted)`);
    t.diagnostic(`SIGKILLed again with ${midRun} reply row(s) recorded as drafted`);

    const healthy = spawnWorker(['start'], stack.env);
    try {
      // The killed process's jobs are still `active` in BullMQ: they come back once their locks
      // expire and a stalled-job check runs (30 s each by default).
      await waitFor('every reply to be recorded as drafted', async () => {
        const rows = replyRows();
        return rows.length === SUBMISSIONS && rows.every((r) => r.status === 'drafted');
      }, 300_000, 500);
    } finally {
      healthy.child.kill('SIGTERM');
      await healthy.exited;
    }

    const written = await drafts();
    assert.equal(written.length, SUBMISSIONS, 'exactly one draft per submission');
    const rows = replyRows();
    assert.ok(rows.every((r) => r.channel === 'draft'));
    assert.deepEqual(new Set(written.map((d) => d.mail.messageId)), new Set(rows.map((r) => `<${r.message_id}>`)), 'each draft is the recorded reply');
    for (const d of written) {
      assert.ok(d.flags.has('\\Draft'), 'stored as a draft');
      const i = Number(/^<draft-(\d+)@/.exec(d.mail.inReplyTo ?? '')?.[1]);
      assert.ok(Number.isInteger(i), `threaded: In-Reply-To ${d.mail.inReplyTo}`);
      assert.deepEqual(d.mail.to && !Array.isArray(d.mail.to) ? d.mail.to.value.map((a) => a.address) : [], [`unit${i}@example.edu.cn`]);
      assert.match(String(d.mail.references ?? ''), new RegExp(`draft-${i}@example\\.edu\\.cn`));
      if (withMistakes(i)) {
        assert.match(d.mail.subject ?? '', /修改/);
        assert.deepEqual(d.mail.attachments.map((a) => a.filename), ['问题标注-推荐表.xlsx'], 'the annotated workbook goes with the correction request');
      } else {
        assert.match(d.mail.subject ?? '', /^【回执】/);
        assert.equal(d.mail.attachments.length, 0);
      }
    }
    assert.equal(mailToUnits().length, 0, 'nothing was sent to a unit by SMTP');
  });

  it('the coordinator switches to send → the drafts already written are not sent', async () => {
    const file = path.join(stack.configDir, 'campaign.yaml');
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    doc.setIn(['replies', 'mode'], 'send');
    fs.writeFileSync(file, doc.toString());

    await runWorkerCommand(['start', '--exit-when-idle'], stack.env);
    assert.equal(mailToUnits().length, 0);
    assert.equal((await drafts()).length, SUBMISSIONS);
  });
});
