/**
 * Draft mode at digest time: the day's reminders to units are written into Drafts, not sent; the
 * digest itself is the coordinator's mail and still goes by SMTP, saying the mode and how many
 * drafts wait for her.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../../harness/smtp-capture.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';
import { digestJobFor, parsedMessages, tempDir, type JobRig } from './job-rig.js';
import { storeCampaign, unit } from './store-seed.js';

const campaign = storeCampaign({ coContacts: [], replies: { mode: 'draft' } });
const UNITS = [unit('计算机科学与技术学院', ['cs@example.edu']), unit('土木建筑工程学院', ['tumu@example.edu'])];
/** 2025-05-03 08:30 in Shanghai: three days before the recommendation deadline. */
const THREE_DAYS_BEFORE = new Date('2025-05-03T00:30:00Z');

let dovecot: DovecotServer;
before(async () => {
  dovecot = await startDovecot({ users: engines.map((e) => ({ user: `${e}@test.local`, pass: 'secret' })) });
});
after(() => dovecot?.stop());

for (const engine of engines) {
  describe(`[${engine}] reminders in draft mode`, () => {
    let t: TestStore;
    let smtp: SmtpCapture;
    let rig: JobRig;
    const user = `${engine}@test.local`;

    before(async () => {
      t = await openTestStore(engine);
      smtp = await startSmtpCapture();
      rig = digestJobFor(t.store, { campaign, units: UNITS, smtp, dovecot, imapUser: user, blobDir: tempDir('reminder-drafts'), now: THREE_DAYS_BEFORE });
    });
    after(async () => {
      await rig?.close();
      await smtp?.stop();
      await t?.dispose();
    });

    const draftSubjects = () =>
      dovecot.withClient(user, async (client) => {
        const lock = await client.getMailboxLock('Drafts');
        try {
          const out: { to: string; subject: string; draft: boolean }[] = [];
          for await (const m of client.fetch('1:*', { envelope: true, flags: true })) out.push({ to: m.envelope?.to?.[0]?.address ?? '', subject: m.envelope?.subject ?? '', draft: Boolean(m.flags?.has('\\Draft')) });
          return out.sort((a, b) => a.to.localeCompare(b.to));
        } finally {
          lock.release();
        }
      });

    it('each reminder is a draft; only the digest goes out, to the coordinator, saying two drafts wait', async () => {
      const run = await rig.job.runDaily(`${engine}-morning`);
      assert.equal(run.outcome, 'sent');
      assert.deepEqual(run.reminders.sent, ['计算机科学与技术学院/recommendation', '土木建筑工程学院/recommendation']);
      const drafts = await draftSubjects();
      assert.deepEqual(drafts.map((d) => [d.to, d.draft]), [['cs@example.edu', true], ['tumu@example.edu', true]]);
      assert.ok(drafts.every((d) => d.subject.startsWith('【温馨提醒】')));

      const mails = await parsedMessages(smtp);
      assert.deepEqual(mails.map((m) => m.rcptTo), [['coordinator@example.edu']], 'nothing sent to a unit');
      assert.match(mails[0]!.text ?? '', /【回复方式】草稿模式：[^\n]*草稿箱中有 2 封回信待您检查后发送。/);
      assert.match(mails[0]!.text ?? '', /【今日提醒（已写入草稿箱）】2 个单位/);
      assert.deepEqual((await t.store.outbox.list('reminder')).map((r) => [r.channel, r.status]), [['draft', 'drafted'], ['draft', 'drafted']]);
    });

    it('a second run the same day writes no second draft', async () => {
      rig.clock.now = new Date(THREE_DAYS_BEFORE.getTime() + 3600_000);
      await rig.job.runDaily(`${engine}-retry`);
      assert.equal((await draftSubjects()).length, 2);
    });
  });
}
