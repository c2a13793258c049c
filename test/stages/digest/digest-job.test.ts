import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../../harness/smtp-capture.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';
import { digestJobFor, parsedMessages, sentFolderIds, tempDir, type JobRig } from './job-rig.js';
import { SEED_NOW, SEED_UNITS, seedStore, storeCampaign } from './store-seed.js';

const campaign = storeCampaign();
let dovecot: DovecotServer;

before(async () => {
  dovecot = await startDovecot({ users: engines.map((e) => ({ user: `${e}@test.local`, pass: 'secret' })) });
});
after(() => dovecot?.stop());

for (const engine of engines) {
  describe(`[${engine}] the daily digest goes out once, whatever the number of processes`, () => {
    let t: TestStore;
    let smtp: SmtpCapture;
    const rigs: JobRig[] = [];
    const imapUser = `${engine}@test.local`;

    before(async () => {
      t = await openTestStore(engine);
      await seedStore(t.store);
      smtp = await startSmtpCapture();
      const blobDir = tempDir('digest-blobs');
      // Two processes: each opens the same store on its own connection and has its own job.
      const second = await t.reopen();
      for (const store of [t.store, second]) rigs.push(digestJobFor(store, { campaign, units: SEED_UNITS, smtp, dovecot, imapUser, blobDir, now: SEED_NOW }));
    });
    after(async () => {
      for (const r of rigs) await r.close();
      await smtp?.stop();
      await t?.dispose();
    });

    it('two processes run the digest at 08:30 at the same moment → the coordinator gets exactly one digest, co-contacts in CC', async () => {
      const results = await Promise.all([rigs[0]!.job.runDaily(`${engine}-process-a`), rigs[1]!.job.runDaily(`${engine}-process-b`)]);
      assert.deepEqual(results.map((r) => r.outcome).sort(), ['sent', 'taken_by_another']);
      const mails = await parsedMessages(smtp);
      assert.equal(mails.length, 1);
      const digest = mails[0]!;
      assert.equal(digest.subject, '【每日汇总】2025年全国科技活动周和全国科技工作者日 5月8日：推荐表 4/7，统计表 1/7，待处理 3 项');
      assert.deepEqual([...digest.rcptTo].sort(), ['coordinator@example.edu', 'tw@example.edu', 'xcb@example.edu']);
      const cc = digest.cc && !Array.isArray(digest.cc) ? digest.cc.value.map((a) => a.address) : [];
      assert.deepEqual(cc, ['xcb@example.edu', 'tw@example.edu']);
      assert.equal(digest.headers.get('auto-submitted'), 'auto-generated');
    });

    it('the digest carries the progress chart inline under its Content-ID and the merged workbook as an attachment', async () => {
      const [digest] = await parsedMessages(smtp);
      const chart = digest!.attachments.find((a) => a.contentType === 'image/png');
      assert.equal(chart?.cid, 'progress-chart');
      assert.equal(chart?.content.subarray(1, 4).toString(), 'PNG');
      // mailparser resolves a cid: reference to the part it names; resolved means the HTML points at that part.
      assert.equal(chart?.related, true);
      assert.match(digest!.html || '', /<img src="data:image\/png;base64,/);
      const workbook = digest!.attachments.find((a) => a.filename === '合并汇总表-2025-05-08.xlsx');
      assert.equal(workbook?.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(workbook?.content.subarray(0, 2).toString(), 'PK');
    });

    it('one copy lands in the Sent folder, and a later run the same day (a restart, a retry) sends nothing', async () => {
      const later = await rigs[1]!.job.runDaily(`${engine}-process-c`);
      rigs[0]!.clock.now = new Date(SEED_NOW.getTime() + 6 * 3600_000);
      const evening = await rigs[0]!.job.runDaily(`${engine}-process-a`);
      assert.deepEqual([later.outcome, evening.outcome], ['already_sent', 'already_sent']);
      assert.equal(smtp.messages.length, 1);
      assert.equal((await sentFolderIds(dovecot, imapUser)).length, 1);
      const rows = await t.store.outbox.list('digest');
      assert.deepEqual(rows.map((r) => [r.subject_key, r.status, r.kind]), [['2025-05-08', 'sent', 'daily']]);
    });

    it('the next day brings the next digest', async () => {
      rigs[1]!.clock.now = new Date(SEED_NOW.getTime() + 24 * 3600_000);
      const next = await rigs[1]!.job.runDaily(`${engine}-process-b-next`);
      assert.equal(next.outcome, 'sent');
      assert.equal(next.day, '2025-05-09');
      assert.equal(smtp.messages.length, 2);
    });
  });
}
