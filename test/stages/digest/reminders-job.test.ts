import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../../harness/smtp-capture.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';
import { digestJobFor, parsedMessages, tempDir, type JobRig } from './job-rig.js';
import { recRow, repRow, seedMail, storeCampaign, unit } from './store-seed.js';

const campaign = storeCampaign({ coContacts: [] });
const UNITS = [
  unit('电子信息工程学院', ['dianxin@example.edu']), // recommendation accepted: done, never reminded
  unit('计算机科学与技术学院', ['cs@example.edu']), // nothing sent: reminded at its registered address
  unit('经济管理学院'), // no registered address; its report came from econ-office@: reminded there
  unit('交通运输学院'), // no address at all: not reminded, the digest says so
  unit('土木建筑工程学院', ['tumu@example.edu']), // form needs correction: reminded
  unit('电气工程学院', ['bounced@example.edu']), // its address hard-bounced: not reminded, the digest says so
];
/** 2025-05-03 08:30 in Shanghai: three days before the recommendation deadline (reminderDaysBefore [3, 1]). */
const THREE_DAYS_BEFORE = new Date('2025-05-03T00:30:00Z');

let dovecot: DovecotServer;
before(async () => {
  dovecot = await startDovecot({ users: engines.map((e) => ({ user: `${e}@test.local`, pass: 'secret' })) });
});
after(() => dovecot?.stop());

for (const engine of engines) {
  describe(`[${engine}] deadline reminders before the digest`, () => {
    let t: TestStore;
    let smtp: SmtpCapture;
    let rig: JobRig;

    before(async () => {
      t = await openTestStore(engine);
      const at = '2025-05-02T02:00:00Z';
      await seedMail(t.store, { key: 'r1', from: 'dianxin@example.edu', subject: '推荐表', receivedAt: at, judgedAt: at, unit: '电子信息工程学院', verdicts: [{ deliverable: 'recommendation', status: 'accepted', rows: [recRow(7, '开放日')] }] });
      await seedMail(t.store, { key: 'r3', from: 'econ-office@example.edu', subject: '统计表', receivedAt: at, judgedAt: at, unit: '经济管理学院',
        verdicts: [{ deliverable: 'report', status: 'accepted', rows: [repRow(6, '沙龙')], parts: { table: true, summary: true, media: true, press: false } }] });
      await seedMail(t.store, { key: 'r5', from: 'tumu-other@example.edu', subject: '推荐表', receivedAt: at, judgedAt: at, unit: '土木建筑工程学院', verdicts: [{ deliverable: 'recommendation', status: 'needs_correction', errors: 2, rows: [recRow(7, '桥梁')] }] });
      await t.store.outbox.suppress('bounced@example.edu', 'hard bounce 5.1.1', null, '2025-05-01T00:00:00Z');
      smtp = await startSmtpCapture();
      rig = digestJobFor(t.store, { campaign, units: UNITS, smtp, dovecot, imapUser: `${engine}@test.local`, blobDir: tempDir('reminder-blobs'), now: THREE_DAYS_BEFORE });
    });
    after(async () => {
      await rig?.close();
      await smtp?.stop();
      await t?.dispose();
    });

    const reminders = async () => (await parsedMessages(smtp)).filter((m) => m.subject?.startsWith('【温馨提醒】'));
    const digests = async () => (await parsedMessages(smtp)).filter((m) => m.subject?.startsWith('【每日汇总】'));

    it('three days before the deadline, each unit still owing the form gets one polite reminder; the unit that is done gets none', async () => {
      const run = await rig.job.runDaily(`${engine}-morning`);
      assert.equal(run.outcome, 'sent');
      const sent = await reminders();
      assert.deepEqual(sent.map((m) => m.rcptTo), [['cs@example.edu'], ['econ-office@example.edu'], ['tumu@example.edu']]);
      assert.ok(!smtp.messages.some((m) => m.envelope.rcptTo.includes('dianxin@example.edu')), 'a unit that is done is never reminded');
      assert.equal(sent[0]!.subject, '【温馨提醒】推荐表将于5月6日截止 — 2025年全国科技活动周和全国科技工作者日');
      assert.match(sent[0]!.text ?? '', /尚未收到贵单位的特色群众性主题实践活动推荐表/);
      assert.match(sent[2]!.text ?? '', /还有需要修改之处/);
      assert.equal(sent[0]!.headers.get('auto-submitted'), 'auto-generated');
    });

    it('the digest lists who was reminded today, and the units that could not be reminded as needing her', async () => {
      const [digest] = await digests();
      assert.match(digest!.text ?? '', /计算机科学与技术学院（推荐表）、经济管理学院（推荐表）、土木建筑工程学院（推荐表）/);
      assert.match(digest!.html || '', /今日已发提醒（3 个单位）/);
      assert.match(digest!.text ?? '', /交通运输学院：未发送推荐表截止提醒/);
      assert.match(digest!.text ?? '', /电气工程学院：未发送推荐表截止提醒/);
    });

    it('a second run the same day sends no reminder and no digest', async () => {
      const before = smtp.messages.length;
      rig.clock.now = new Date(THREE_DAYS_BEFORE.getTime() + 5 * 3600_000);
      const again = await rig.job.runDaily(`${engine}-afternoon`);
      assert.equal(again.outcome, 'already_sent');
      const other = await rig.job.runDaily(`${engine}-retry-of-morning`);
      assert.deepEqual(other.reminders.sent, []);
      assert.equal(smtp.messages.length, before);
      const rows = await t.store.outbox.list('reminder');
      assert.deepEqual(rows.map((r) => [r.subject_key, r.status]).sort(), [
        ['土木建筑工程学院/recommendation/2025-05-06/2025-05-03', 'sent'],
        ['经济管理学院/recommendation/2025-05-06/2025-05-03', 'sent'],
        ['计算机科学与技术学院/recommendation/2025-05-06/2025-05-03', 'sent'],
      ].sort());
    });

    it('the day before the deadline is another reminder day: each unit still owing gets one more', async () => {
      rig.clock.now = new Date('2025-05-05T00:30:00Z');
      const run = await rig.job.runDaily(`${engine}-day-before`);
      assert.deepEqual(run.reminders.sent, ['计算机科学与技术学院/recommendation', '经济管理学院/recommendation', '土木建筑工程学院/recommendation']);
      assert.equal((await reminders()).length, 6);
      assert.equal((await digests()).length, 2);
    });
  });
}
