/**
 * The validate stage end to end: unit mails delivered into a real Dovecot by IMAP APPEND, taken by
 * the watcher, ingested and judged by the app's own queues on a real Redis, and recorded in SQLite.
 * Every assertion reads the store, as the digest and the replies will. The mails are the sandbox's
 * (test/fixtures/sandbox, made by scripts/make-sandbox-mails.ts) plus a few built here for the
 * cases the season does not show (a registered sender address, a report in three mails).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { parse, stringify } from 'yaml';
import { validateQueue } from '../../src/adapters/queues/validate-queue.js';
import { buildApp, type App } from '../../src/app/build-app.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { createValidateJob } from '../../src/stages/validate/validate-job.js';
import { relevanceOf } from '../../src/stages/relevance/relevance-of.js';
import { submissionIdOf } from '../../src/adapters/store/submission-repo.js';
import { composeUnitMail, eventPhoto, formWorkbook, summaryDocx, XLSX, DOCX, CS_ROWS, type UnitMailSpec } from '../../scripts/make-sandbox-mails.js';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { dropKeys, useRedis, type TestRedis } from '../harness/redis.js';
import { waitFor } from '../support/run-worker.js';
import { createWorkerEnv, projectRoot, type WorkerEnv } from '../support/worker-env.js';

const FOLDER = 'Validate';
const SANDBOX = path.join(projectRoot, 'test/fixtures/sandbox');
const MAIL_FIXTURES = path.join(projectRoot, 'test/fixtures/mail');
/** Registered in the test's units.yaml for 物理科学与工程学院. */
const PHYSICS_SENDER = 'wl-keyan@example.edu.cn';
const silent = pino({ level: 'silent' });

interface VersionDetail {
  unitBy: string | null;
  held: { reason: string; detail: string } | null;
  candidates: string[];
  files: { source: string; name: string; role: string }[];
  reportParts: Record<string, boolean> | null;
  missingParts: { part: string; label: string }[];
}

describe('validate: unit mails from the mailbox to judged versions in the store', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let w: WorkerEnv;
  let app: App;

  before(async () => {
    dovecot = await startDovecot();
    redis = await useRedis();
    w = createWorkerEnv('validate', { dovecot, redisUrl: redis.url, folder: FOLDER, campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'] } });
    const unitsFile = path.join(w.configDir, 'units.yaml');
    const registry = parse(fs.readFileSync(unitsFile, 'utf8')) as { units: { name: string; addresses: string[] }[] };
    registry.units.find((u) => u.name === '物理科学与工程学院')!.addresses = [PHYSICS_SENDER];
    fs.writeFileSync(unitsFile, stringify(registry));
    await dovecot.createFolder(dovecot.users[0]!.user, FOLDER);
    app = await buildApp(loadAppConfig(w.env), { logger: silent });
    // Replies are another stage with their own tests; judged mail only waits in the reply queue here.
    await app.start(['watcher', 'ingest', 'validate']);
  });
  after(async () => {
    await app?.close();
    await dovecot?.stop();
    if (w && redis) {
      await dropKeys(redis.url, w.prefix);
    }
    await redis?.stop();
    w?.dispose();
  });

  const sandboxMail = (file: string) => fs.readFileSync(path.join(SANDBOX, file));
  const headerMessageId = (raw: Buffer) => /^message-id:\s*<([^>]+)>/im.exec(raw.toString('latin1'))![1]!;

  /** The store's id of a message, once it is ingested (and, for a submission, judged). */
  async function settled(messageId: string): Promise<{ id: string; kind: string | null }> {
    return waitFor(`${messageId} ingested and judged`, async () => {
      const row = await app.store.db.selectFrom('messages').select(['id', 'state', 'kind']).where('message_id', '=', messageId).executeTakeFirst();
      if (row?.state !== 'ingested') return null;
      if (row.kind === 'submission' && (await app.store.submissions.versionsOfMessage(row.id)).length === 0) return null;
      return { id: row.id, kind: row.kind };
    });
  }

  /** Delivers one mail into the watched folder and waits until the worker has judged it. */
  async function deliver(raw: Buffer) {
    await dovecot.append(dovecot.users[0]!.user, FOLDER, raw);
    const stored = await settled(headerMessageId(raw));
    const versions = await app.store.submissions.versionsOfMessage(stored.id);
    const of = (deliverable: string) => {
      const v = versions.find((x) => x.deliverable === deliverable);
      assert.ok(v, `a ${deliverable} version of ${headerMessageId(raw)} (found: ${versions.map((x) => x.deliverable).join(', ') || 'none'})`);
      return { ...v, detail: JSON.parse(v.detail_json) as VersionDetail };
    };
    return { id: stored.id, kind: stored.kind, versions, of };
  }

  const built = (spec: Omit<UnitMailSpec, 'text'> & { text?: string }) => composeUnitMail({ text: '老师好，材料见附件。', ...spec });
  const defs = () => app.config.forms.definitions;
  const campaign = () => app.config.campaign.campaign;
  const values = (row: { values_json: string }) => JSON.parse(row.values_json) as Record<string, unknown>;

  it('计算机学院 sends a good recommendation → accepted as version 1, three activities stored, unit known by the form header', async () => {
    const mail = await deliver(sandboxMail('01-recommendation-valid.eml'));
    const v = mail.of('recommendation');
    assert.equal(mail.versions.length, 1);
    assert.equal(v.status, 'accepted');
    assert.equal(v.unit, '计算机科学与技术学院');
    assert.equal(v.detail.unitBy, 'header');
    assert.equal(v.version, 1);
    assert.equal(v.late, 0);
    assert.equal(v.received_at, '2025-04-28T02:13:03.000Z', 'dated by the newest Received header');
    assert.equal(v.activity_count, 3);
    const rows = await app.store.submissions.rows(v.id);
    assert.deepEqual(rows.map((r) => values(r).name), ['人工智能科普讲座进校园', '科学家精神主题展', '开源软件社区开放日']);
    assert.deepEqual(await app.store.submissions.problems(v.id), []);
    const submission = await app.store.submissions.submission(submissionIdOf('计算机科学与技术学院', 'recommendation'));
    assert.equal(submission?.current_version_id, v.id);
    assert.match(submission?.reference ?? '', /^R-[2-9A-HJ-NP-Z]{6}$/);
  });

  it('电气学院 writes 5.20, 约200 and a phone one digit short → needs_correction naming E5, I6 and K7; its corrected mail becomes version 2 and the current one', async () => {
    const first = (await deliver(sandboxMail('02-recommendation-mistakes.eml'))).of('recommendation');
    assert.equal(first.status, 'needs_correction');
    assert.equal(first.error_count, 3);
    const problems = await app.store.submissions.problems(first.id);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.form, p.cell, p.column_name, p.value]),
      [
        ['error', 'recommendation', 'E5', '开始日期', '5.20'],
        ['error', 'recommendation', 'I6', '预计参与人数', '约200'],
        ['error', 'recommendation', 'K7', '联系电话', '1380013800'],
      ],
    );
    assert.match(problems[0]!.message, /2025-05-20/, 'the message shows how to write the date');
    assert.equal((await app.store.submissions.rows(first.id)).length, 3, 'the rows are kept even when they need correcting');

    const second = (await deliver(sandboxMail('03-recommendation-corrected.eml'))).of('recommendation');
    assert.equal(second.status, 'accepted');
    assert.equal(second.version, 2);
    assert.equal(second.submission_id, first.submission_id);
    assert.equal((await app.store.submissions.submission(first.submission_id!))?.current_version_id, second.id);
  });

  it('交通运输学院 sends both forms in one mail → two versions: the recommendation accepted, the report incomplete without 总结材料 and 影像资料', async () => {
    const mail = await deliver(sandboxMail('04-both-forms.eml'));
    assert.deepEqual(mail.versions.map((v) => v.deliverable).sort(), ['recommendation', 'report']);
    assert.equal(mail.of('recommendation').status, 'accepted');
    assert.equal(mail.of('recommendation').activity_count, 2);
    const report = mail.of('report');
    assert.equal(report.status, 'incomplete');
    assert.equal(report.activity_count, 1);
    assert.deepEqual(report.detail.missingParts.map((p) => p.label), ['总结材料', '影像资料']);
  });

  it('环境学院 sends its report in three mails (table, summary, photos) → incomplete, incomplete, accepted as the parts accumulate', async () => {
    const from = '环境学院科研办 <hj-kyb@example.edu.cn>';
    const table = await formWorkbook(campaign(), { def: defs().report, header: { unit: '环境学院', contact: '何静', phone: '13600136009' }, rows: [{ name: '水环境监测科普', category: '成果科普', activityForm: '线下', startDate: new Date('2025-05-23T00:00:00Z'), endDate: new Date('2025-05-23T00:00:00Z'), place: '环境楼', sessions: 1, offlineAttendance: 60, onlineAttendance: 0, scientists: 4, mediaReports: 0 }] });
    const steps = [
      await built({ messageId: '<hj-1@example.edu.cn>', from, sentAt: '2025-06-05T10:00:00+08:00', subject: '环境学院活动开展情况统计表', attachments: [{ filename: '附件2-统计表.xlsx', content: table, contentType: XLSX }] }),
      await built({ messageId: '<hj-2@example.edu.cn>', from, sentAt: '2025-06-06T10:00:00+08:00', subject: '环境学院活动总结', attachments: [{ filename: '环境学院活动总结.docx', content: summaryDocx('环境学院活动总结', ['开展活动1项。']), contentType: DOCX }] }),
      await built({ messageId: '<hj-3@example.edu.cn>', from, sentAt: '2025-06-07T10:00:00+08:00', subject: '环境学院活动照片', attachments: [{ filename: '监测现场.png', content: eventPhoto(7), contentType: 'image/png' }] }),
    ];
    const seen = [];
    for (const raw of steps) {
      const v = (await deliver(raw)).of('report');
      seen.push([v.version, v.status, v.detail.missingParts.map((p) => p.label)]);
    }
    assert.deepEqual(seen, [
      [1, 'incomplete', ['总结材料', '影像资料']],
      [2, 'incomplete', ['影像资料']],
      [3, 'accepted', []],
    ]);
    const submission = await app.store.submissions.submission(submissionIdOf('环境学院', 'report'));
    assert.deepEqual(JSON.parse(submission!.report_parts_json!), { table: true, summary: true, media: true, press: false });
  });

  it('土建学院 sends the statistics table alone, then summary and photos in a reply → incomplete, then accepted', async () => {
    const table = (await deliver(sandboxMail('08-report-table-only.eml'))).of('report');
    assert.equal(table.status, 'incomplete');
    assert.equal(table.activity_count, 3);
    const rest = (await deliver(sandboxMail('09-report-summary-photos.eml'))).of('report');
    assert.equal(rest.unit, '土木建筑工程学院');
    assert.equal(rest.detail.unitBy, 'subject');
    assert.equal(rest.status, 'accepted');
    assert.deepEqual(rest.detail.missingParts, []);
  });

  // Pipeline bug, pinned here (see the report of this change): a version's status is computed once,
  // from the parts known when it is judged. When the mail received later is judged first (an
  // import, a recovery, two workers), the current version keeps saying 统计表 is missing although
  // the unit's report_parts_json holds every part, so the digest shows the unit as incomplete.
  it('法学院 sends the table on 9 June and the summary with photos on 11 June, but the worker judges the later mail first → the current report is still complete', async () => {
    const from = '法学院综合办 <fxy-office@example.edu.cn>';
    const table = await formWorkbook(campaign(), { def: defs().report, header: { unit: '法学院', contact: '郑洁', phone: '13600136010' }, rows: [{ name: '宪法与科技伦理讲座', category: '政策宣传', activityForm: '线下', startDate: new Date('2025-05-26T00:00:00Z'), endDate: new Date('2025-05-26T00:00:00Z'), place: '法学院报告厅', sessions: 1, offlineAttendance: 90, onlineAttendance: 0, scientists: 3, mediaReports: 0 }] });
    const tableMail = await built({ messageId: '<fx-1@example.edu.cn>', from, sentAt: '2025-06-09T10:00:00+08:00', subject: '法学院活动开展情况统计表', attachments: [{ filename: '附件2-统计表.xlsx', content: table, contentType: XLSX }] });
    const partsMail = await built({ messageId: '<fx-2@example.edu.cn>', from, sentAt: '2025-06-11T10:00:00+08:00', subject: '法学院活动总结和照片', attachments: [{ filename: '法学院活动总结.docx', content: summaryDocx('法学院活动总结', ['开展活动1项。']), contentType: DOCX }, { filename: '讲座现场.png', content: eventPhoto(11), contentType: 'image/png' }] });
    await deliver(partsMail);
    await deliver(tableMail);
    const submission = await app.store.submissions.submission(submissionIdOf('法学院', 'report'));
    assert.deepEqual(JSON.parse(submission!.report_parts_json!), { table: true, summary: true, media: true, press: false });
    const current = await app.store.submissions.version(submission!.current_version_id!);
    assert.equal(current?.status, 'accepted', `the current version (${JSON.parse(current!.detail_json).missingParts.map((p: { label: string }) => p.label).join('、')} missing) should say complete`);
  });

  it('电信学院 zips its whole report → recognised as the report with table, summary and photos inside the zip, accepted', async () => {
    const v = (await deliver(sandboxMail('10-report-zip.eml'))).of('report');
    assert.equal(v.status, 'accepted');
    assert.equal(v.unit, '电子信息工程学院');
    assert.equal(v.activity_count, 3);
    assert.deepEqual(v.detail.reportParts, { table: true, summary: true, media: true, press: true });
    const roles = Object.fromEntries(v.detail.files.map((f) => [f.name, `${f.source}/${f.role}`]));
    assert.deepEqual(roles, {
      '附件2-活动开展情况统计表（电信学院）.xlsx': 'zip_entry/form',
      '活动总结.docx': 'zip_entry/summary',
      '影像资料/讲座现场1.png': 'zip_entry/media_photo_video',
      '影像资料/测向体验2.png': 'zip_entry/media_photo_video',
      '媒体报道/新闻网报道截图.png': 'zip_entry/press',
    });
  });

  it('a legacy .xls from 经管学院 → needs_correction asking for .xlsx, the unit known from the subject', async () => {
    const v = (await deliver(sandboxMail('05-legacy-xls.eml'))).of('recommendation');
    assert.equal(v.status, 'needs_correction');
    assert.equal(v.unit, '经济管理学院');
    assert.equal(v.detail.unitBy, 'subject');
    const [problem, ...others] = await app.store.submissions.problems(v.id);
    assert.equal(others.length, 0);
    assert.equal(problem?.value, '附件1-推荐表（经管学院）.xls');
    assert.match(problem?.message ?? '', /另存为.*xlsx/);
  });

  it('a sender registered for 物理学院 → the unit is known by the address', async () => {
    const form = await formWorkbook(campaign(), { def: defs().recommendation, header: { unit: '物理学院', contact: '钱程', phone: '13300133001' }, rows: [CS_ROWS[0]!] });
    const v = (await deliver(await built({ messageId: '<wl-1@example.edu.cn>', from: `钱程 <${PHYSICS_SENDER}>`, sentAt: '2025-05-02T09:00:00+08:00', subject: '推荐表', attachments: [{ filename: '推荐表.xlsx', content: form, contentType: XLSX }] }))).of('recommendation');
    assert.equal(v.unit, '物理科学与工程学院');
    assert.equal(v.detail.unitBy, 'address');
    assert.equal(v.status, 'accepted');
  });

  it('the registered 物理学院 sender sends a form filled in for 软件学院 → held for the coordinator as a conflict, tied to no submission', async () => {
    const form = await formWorkbook(campaign(), { def: defs().recommendation, header: { unit: '软件学院', contact: '钱程', phone: '13300133001' }, rows: [CS_ROWS[0]!] });
    const v = (await deliver(await built({ messageId: '<wl-2@example.edu.cn>', from: `钱程 <${PHYSICS_SENDER}>`, sentAt: '2025-05-03T09:00:00+08:00', subject: '推荐表', attachments: [{ filename: '推荐表.xlsx', content: form, contentType: XLSX }] }))).of('recommendation');
    assert.equal(v.status, 'held');
    assert.equal(v.detail.held?.reason, 'conflict');
    assert.deepEqual(v.detail.candidates, ['物理科学与工程学院', '软件学院']);
    assert.equal(v.unit, null);
    assert.equal(v.submission_id, null);
    assert.equal(v.version, null);
    assert.equal(await app.store.submissions.submission(submissionIdOf('软件学院', 'recommendation')), undefined);
  });

  it('a mail from an unregistered address with no unit in the form or the subject → held as unknown_unit', async () => {
    const v = (await deliver(sandboxMail('06-unknown-sender.eml'))).of('recommendation');
    assert.equal(v.status, 'held');
    assert.equal(v.detail.held?.reason, 'unknown_unit');
    assert.match(v.detail.held?.detail ?? '', /zhou\.lin@example\.edu\.cn 未登记/);
    assert.equal(v.submission_id, null);
  });

  it('马克思主义学院 sends its recommendation on 8 May, after the 6 May deadline → accepted and marked late', async () => {
    const v = (await deliver(sandboxMail('07-recommendation-late.eml'))).of('recommendation');
    assert.equal(v.status, 'accepted');
    assert.equal(v.late, 1);
    assert.equal(v.received_at, '2025-05-08T01:31:03.000Z');
  });

  /** The validate job on the running app's store, with `relevance` given, telling whether each judgement inserted a version. */
  const recordingValidateJob = (relevance: Parameters<typeof createValidateJob>[0]['relevance']) => {
    let recorded: { inserted: boolean }[] = [];
    const validate = createValidateJob({
      config: app.config,
      blobs: app.blobs,
      reader: app.reader,
      incidents: app.store.incidents,
      messages: app.store.messages,
      submissions: app.store.submissions,
      relevance,
      onJudged: async (_m, versions) => void (recorded = versions),
      now: () => new Date(),
      logger: silent,
    });
    return { validate, inserted: () => recorded.map((r) => r.inserted) };
  };

  it('the same mail validated again (job re-run, job re-queued, recovery) → no new version, no extra problems', async () => {
    const { id } = await settled('sbx02-ee-rec@example.edu.cn');
    const before = await app.store.submissions.versionsOfMessage(id);
    const submissionId = before[0]!.submission_id!;
    const countVersions = async () => (await app.store.db.selectFrom('submission_versions').select('id').where('submission_id', '=', submissionId).execute()).length;
    const versionsBefore = await countVersions();

    const { validate, inserted } = recordingValidateJob(app.relevance);
    await validate(id);
    assert.deepEqual(inserted(), [false]);
    await validateQueue.add(app.queues.validate, { messageId: id });
    await waitFor('the validate queue drained', async () => {
      const c = await app.queues.validate.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0);
    });
    assert.deepEqual((await app.recover()).validate, 0, 'recovery finds nothing unjudged');

    assert.deepEqual(await app.store.submissions.versionsOfMessage(id), before);
    assert.equal(await countVersions(), versionsBefore);
    assert.equal((await app.store.submissions.problems(before[0]!.id)).length, 3);
  });

  it('a mail judged before, validated again when nothing would tie it to the call any more → it stays the call’s, judged as it was', async () => {
    const raw = sandboxMail('05-legacy-xls.eml');
    const { id } = await settled(headerMessageId(raw));
    const before = await app.store.submissions.versionsOfMessage(id);
    assert.equal(before.length, 1);
    // No form was read from its .xls: only the store's facts and the call's words tie it, and here none does.
    const nothingTies = { wroteAnyOf: async () => false, units: { byAddress: () => null }, placedMailFrom: async () => false, words: [] };
    const message = (await app.store.messages.getIngested(id))!;
    assert.equal((await relevanceOf(message.parsed, nothingTies)).related, false);
    const { validate, inserted } = recordingValidateJob(nothingTies);
    await validate(id);
    assert.deepEqual(inserted(), [false]);
    assert.equal((await app.store.messages.get(id))?.kind, 'submission');
    assert.deepEqual(await app.store.submissions.versionsOfMessage(id), before);
  });

  it('a bounce (postfix DSN) of a mail the worker never wrote → left alone, never judged, even when the validate job is run on it', async () => {
    const raw = fs.readFileSync(path.join(MAIL_FIXTURES, 'bounce-postfix.eml'));
    await dovecot.append(dovecot.users[0]!.user, FOLDER, raw);
    // Its Message-ID is cleared with the rest once it is left alone (docs/relevance.md): found by the reason kept.
    const { id } = await waitFor('the bounce left alone', async () =>
      app.store.db.selectFrom('messages').select('id').where('kind', '=', 'unrelated').where('kind_reason', 'like', '%did not write%').executeTakeFirst());
    const validate = createValidateJob({ config: app.config, blobs: app.blobs, reader: app.reader, incidents: app.store.incidents, messages: app.store.messages, submissions: app.store.submissions, relevance: app.relevance, onJudged: async () => assert.fail('nothing to hand on'), now: () => new Date(), logger: silent });
    await validate(id);
    assert.deepEqual(await app.store.submissions.versionsOfMessage(id), []);
  });
});
