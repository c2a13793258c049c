/**
 * Crashes and refusals around the SMTP send of a reply (src/adapters/smtp/deliver-once.ts):
 * - SMTP took the reply but the outbox could not record it (the fault point acts as if the
 *   database failed), the copy went to Sent, and the worker died: on restart it finds the reply's
 *   Message-ID in the Sent folder and does not send it again;
 * - the worker died as soon as SMTP took the reply, before the record and the copy: the restarted
 *   worker cannot know whether the unit has it, so it does not send it again — one copy goes to
 *   Drafts and one `send_uncertain` incident tells the coordinator;
 * - SMTP answered 451 (not taken): the reply is sent again, once.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { unitMailWith } from '../support/mail-builder.js';
import { spawnWorker, waitFor } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

describe('a crash between sending a reply and recording it', () => {
  let stack: WorkerStack;

  before(async () => {
    stack = await startWorkerStack('reply-crash', { campaign: { allowedSenderDomains: ['example.edu.cn'] } });
  });
  after(() => stack?.stop());

  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new SQLite(path.join(stack.dataDir, 'inbox.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  const outboxRows = () => query<{ status: string; message_id: string }>("SELECT status, message_id FROM outbox WHERE purpose = 'reply' ORDER BY created_at");
  /** The reply row answering the mail with this Message-ID (the row's subject is the mail's store id). */
  const replyTo = (mailMessageId: string) =>
    query<{ status: string; message_id: string; last_error: string | null }>(
      "SELECT o.status, o.message_id, o.last_error FROM outbox o JOIN messages m ON m.id = o.subject_key WHERE o.purpose = 'reply' AND m.dedupe_key = ?",
      `mid:${mailMessageId}`,
    )[0];
  const atSmtp = (messageId: string) => stack.smtp.messages.filter((m) => m.raw.toString('latin1').includes(`<${messageId}>`)).length;
  const draftIds = (): Promise<string[]> =>
    stack.dovecot.withClient(stack.dovecot.users[0]!.user, async (client) => {
      if (!(await client.list()).some((m) => m.path === 'Drafts')) return [];
      const lock = await client.getMailboxLock('Drafts');
      try {
        if (client.mailbox && client.mailbox.exists === 0) return [];
        const ids: string[] = [];
        for await (const m of client.fetch('1:*', { source: true })) ids.push((await simpleParser(m.source!)).messageId ?? '');
        return ids;
      } finally {
        lock.release();
      }
    });
  const sendSubmission = async (messageId: string) => {
    const form = await recommendationForm('计算机科学与技术学院', [activity(1)]);
    await stack.deliver(await unitMailWith({ from: 'office@example.edu.cn', subject: '计算机学院 推荐表', messageId: `<${messageId}>`, attachments: [{ filename: '推荐表.xlsx', content: form }] }));
  };

  it('the worker killed after the send and restarted → still exactly one reply in the SMTP receiver', async () => {
    const form = await recommendationForm('计算机科学与技术学院', [activity(1)]);
    await stack.deliver(await unitMailWith({ from: 'office@example.edu.cn', subject: '计算机学院 推荐表', messageId: '<crash-reply@example.edu.cn>', attachments: [{ filename: '推荐表.xlsx', content: form }] }));

    const doomed = spawnWorker(['start'], { ...stack.env, INBOX_FAULT: 'crash-after-send' });
    const code = await Promise.race([doomed.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000))]);
    assert.notEqual(code, 'timeout', `the worker should have crashed after sending:\n${doomed.stderr()}`);
    assert.equal(stack.smtp.messages.length, 1, 'the reply reached the SMTP server before the crash');
    assert.deepEqual(outboxRows().map((r) => r.status), ['sending'], 'the outbox never recorded the send');

    const healthy = spawnWorker(['start'], stack.env);
    try {
      // The killed process's job is still `active` in BullMQ: it comes back only once its lock
      // expires and a stalled-job check runs (30 s each by default), so allow a few minutes on a
      // loaded machine.
      await waitFor('the restarted worker to settle the outbox row', async () => outboxRows()[0]?.status === 'sent', 240_000, 250);
    } finally {
      healthy.child.kill('SIGTERM');
      await healthy.exited;
    }
    assert.equal(stack.smtp.messages.length, 1, 'no second reply');
  });

  it('the worker killed as soon as SMTP took the reply → not sent again: one reply at the SMTP server, one copy in Drafts, one incident', async () => {
    await sendSubmission('window-reply@example.edu.cn');
    const doomed = spawnWorker(['start'], { ...stack.env, INBOX_FAULT: 'crash-in-send-window' });
    const code = await Promise.race([doomed.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000))]);
    assert.notEqual(code, 'timeout', `the worker should have crashed after sending:\n${doomed.stderr()}`);
    const row = replyTo('window-reply@example.edu.cn');
    assert.equal(row?.status, 'sending', 'killed before the record');
    assert.equal(atSmtp(row.message_id), 1, 'the reply reached the SMTP server before the crash');

    const healthy = spawnWorker(['start'], stack.env);
    try {
      // The killed job comes back after its lock expires (30 s), past the attempt's lease (25 s).
      await waitFor('the restarted worker to leave the send uncertain', async () => replyTo('window-reply@example.edu.cn')?.status === 'uncertain', 300_000, 500);
    } finally {
      healthy.child.kill('SIGTERM');
      await healthy.exited;
    }
    assert.equal(atSmtp(row.message_id), 1, 'not sent a second time');
    assert.deepEqual((await draftIds()).filter((id) => id === `<${row.message_id}>`), [`<${row.message_id}>`], 'one copy of the reply in Drafts');
    const incidents = query<{ subject: string; detail: string; count: number }>("SELECT subject, detail, count FROM incidents WHERE kind = 'send_uncertain'");
    assert.equal(incidents.length, 1, 'one incident');
    assert.equal(Number(incidents[0]!.count), 1);
    assert.match(incidents[0]!.detail, /回执可能已发出，也可能未发出：发送过程中进程中断/);
    assert.match(incidents[0]!.detail, /为避免重复，系统未自动重发/);
    assert.ok(incidents[0]!.detail.includes(row.message_id), 'the incident names the reply');
    assert.match(incidents[0]!.subject, /^office@example\.edu\.cn：/);
  });

  it('SMTP answers 451 (the reply not taken) → sent again, exactly one reply', async () => {
    stack.smtp.failWith(451, 1);
    const refusedBefore = stack.smtp.rejected.length;
    await sendSubmission('refused-once@example.edu.cn');
    const healthy = spawnWorker(['start'], stack.env);
    try {
      await waitFor('the reply to be sent after the 451', async () => replyTo('refused-once@example.edu.cn')?.status === 'sent', 240_000, 250);
    } finally {
      healthy.child.kill('SIGTERM');
      await healthy.exited;
    }
    const row = replyTo('refused-once@example.edu.cn')!;
    assert.equal(stack.smtp.rejected.length - refusedBefore, 1, 'the first attempt was answered 451');
    assert.equal(atSmtp(row.message_id), 1, 'exactly one reply taken');
    assert.equal(query("SELECT 1 FROM incidents WHERE kind = 'send_uncertain'").length, 1, 'no new uncertain send (only the previous test\'s)');
  });
});
