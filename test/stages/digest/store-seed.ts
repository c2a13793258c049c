/**
 * A seeded store for the digest's store side: mails recorded through the message repo and judged
 * through `recordJudgement`, exactly as the validate job writes them — units accepted, with
 * corrections pending (after a first version), late, incomplete, missing, a held mail, a mail the
 * coordinator already settled, and a job that kept failing.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { campaignSchema, type Campaign, type Unit } from '../../../src/domain/campaign/campaign-schema.js';
import { loadJudgementConfig } from '../../../src/config/app-config.js';
import type { Problem } from '../../../src/domain/forms/problem.js';
import type { ActivityRow, FormDefinition, FormId } from '../../../src/domain/forms/types.js';
import type { ReportParts } from '../../../src/domain/recognition/index.js';
import type { Store } from '../../../src/adapters/store/store.js';
import type { DeliverableVerdict, SubmissionJudgement } from '../../../src/domain/submissions/judge-submission.js';

export function storeCampaign(extra: Partial<Campaign> = {}): Campaign {
  return {
    ...campaignSchema.parse({
      name: '2025年全国科技活动周和全国科技工作者日',
      theme: '矢志创新发展 建设科技强国',
      mailbox: { address: 'submissions@example.edu' },
      coordinator: { name: '协调人', address: 'coordinator@example.edu' },
      coContacts: [{ name: '党委宣传部', address: 'xcb@example.edu' }, { name: '校团委', address: 'tw@example.edu' }],
      opensAt: '2025-04-21',
      allowedSenderDomains: ['example.edu'],
      replies: { mode: 'send' },
      activityWindow: { start: '2025-05-01', end: '2025-06-10' },
      categories: ['政策宣传', '科学家精神', '成果科普', '群众实践', '网络宣传'],
      activityForms: ['线上', '线下', '线上线下'],
      deliverables: [
        { id: 'recommendation', title: '特色群众性主题实践活动推荐表（附件1）', due: '2025-05-06', reminderDaysBefore: [3, 1] },
        { id: 'report', title: '活动开展情况统计表及总结、影像、媒体报道材料（附件2）', due: '2025-06-13', reminderDaysBefore: [3, 1] },
      ],
    }),
    ...extra,
  };
}

export function shippedDefinitions(): Readonly<Record<FormId, FormDefinition>> {
  return loadJudgementConfig(path.resolve(import.meta.dirname, '..', '..', '..', 'config')).forms.definitions;
}

export const unit = (name: string, addresses: string[] = []): Unit => ({ name, aliases: [], addresses });

/** What units typed that a spreadsheet might take for a formula or a link (OWASP CSV injection). */
export const HOSTILE = ['=HYPERLINK("http://evil.example","点我")', '+1', '@SUM(1)'] as const;

export function recRow(rowNumber: number, name: string, extra: ActivityRow['values'] = {}): ActivityRow {
  return {
    rowNumber,
    values: {
      seq: rowNumber - 6, name, category: '成果科普', activityForm: '线下', startDate: '2025-05-20', endDate: '2025-05-22', place: '思源楼',
      audience: '全校师生', expectedParticipants: 200, leader: '张老师', leaderPhone: '010-51680000', summary: '实验室开放日', remarks: null, ...extra,
    },
  };
}

export function repRow(rowNumber: number, name: string): ActivityRow {
  return {
    rowNumber,
    values: {
      seq: rowNumber - 5, name, category: '群众实践', activityForm: '线上线下', startDate: '2025-05-24', endDate: '2025-05-24', place: '体育馆',
      sessions: 1, offlineAttendance: 100, onlineAttendance: 0, scientists: 3, mediaReports: 0, reportLinks: null, remarks: null,
    },
  };
}

const problem = (severity: Problem['severity'], form: FormId, cell: string): Problem => ({ code: 'test', severity, form, sheet: 'Sheet1', cell, column: '开始日期', value: 'x', message: '请改正' });

export interface MailSpec {
  key: string;
  from: string;
  subject: string;
  receivedAt: string;
  judgedAt: string;
  unit: string | null;
  held?: SubmissionJudgement['held'];
  verdicts: {
    deliverable: FormId;
    status: DeliverableVerdict['status'];
    late?: boolean;
    errors?: number;
    warnings?: number;
    rows?: ActivityRow[];
    parts?: ReportParts;
    missing?: ('summary' | 'media' | 'table')[];
  }[];
}

const LABELS = { table: '统计表', summary: '总结材料', media: '影像资料' } as const;

/** Stores one mail and records its judgement; returns the message id. */
export async function seedMail(store: Store, m: MailSpec): Promise<string> {
  const id = createHash('sha256').update(m.key).digest('hex');
  await store.messages.recordStored({ id, dedupeKey: `mid:${m.key}`, rawSha256: id, size: 100, source: 'import', mailbox: null, uidValidity: null, uid: null, internalDate: null, storedAt: m.receivedAt });
  await store.db.updateTable('messages').set({ state: 'ingested', kind: 'submission', from_address: m.from, subject: m.subject, received_at: m.receivedAt }).where('id', '=', id).execute();
  const judgement: SubmissionJudgement = {
    unit: m.unit,
    unitBy: m.unit ? 'address' : null,
    held: m.held ?? null,
    candidates: m.unit ? [m.unit] : [],
    files: [],
    deliverables: m.verdicts.map((v) => {
      const rows = v.rows ?? [];
      return {
        deliverable: v.deliverable,
        status: v.status,
        late: v.late ?? false,
        problems: [
          ...Array.from({ length: v.errors ?? 0 }, (_, i) => problem('error', v.deliverable, `E${7 + i}`)),
          ...Array.from({ length: v.warnings ?? 0 }, (_, i) => problem('warning', v.deliverable, `F${7 + i}`)),
        ],
        forms: rows.length > 0 ? [{ formId: v.deliverable, sheet: 'Sheet1', header: {}, rows, problems: [] }] : [],
        activities: rows.length,
        reportParts: v.parts ?? null,
        missingParts: (v.missing ?? []).map((part) => ({ part, label: LABELS[part] })),
        notReported: [],
        sources: [],
        // A seeded mail stands for one that brought its form, so the latest one is current.
        content: { form: true, part: false },
      };
    }),
  };
  await store.submissions.recordJudgement(id, judgement, m.receivedAt, m.judgedAt);
  return id;
}

/** Registry order of the seeded campaign. */
export const SEED_UNITS = [
  unit('电子信息工程学院', ['dianxin@example.edu']), // A: recommendation accepted, report missing
  unit('计算机科学与技术学院'), // B: recommendation v1 needs correction → v2 accepted with warnings (hostile cells); report incomplete
  unit('经济管理学院'), // C: recommendation needs correction
  unit('交通运输学院'), // D: recommendation accepted, late
  unit('土木建筑工程学院'), // E: nothing at all
  unit('机械与电子控制工程学院'), // F: nothing at all
  unit('电气工程学院'), // G: everything accepted
] as const;

/** 2025-05-08 08:30 in Shanghai: two days after the recommendation deadline. */
export const SEED_NOW = new Date('2025-05-08T00:30:00Z');

export async function seedStore(store: Store): Promise<void> {
  const full: ReportParts = { table: true, summary: true, media: true, press: false };
  const early = '2025-05-05T02:00:00Z';
  await seedMail(store, { key: 'a1', from: 'dianxin@example.edu', subject: '电信学院推荐表', receivedAt: early, judgedAt: early, unit: '电子信息工程学院',
    verdicts: [{ deliverable: 'recommendation', status: 'accepted', rows: [recRow(7, '5G 实验室开放日'), recRow(8, '无线电科普讲座')] }] });
  await seedMail(store, { key: 'b1', from: 'cs@example.edu', subject: '计算机学院推荐表', receivedAt: '2025-05-04T02:00:00Z', judgedAt: '2025-05-04T02:00:05Z', unit: '计算机科学与技术学院',
    verdicts: [{ deliverable: 'recommendation', status: 'needs_correction', errors: 4, rows: [recRow(7, '旧版本的活动')] }] });
  await seedMail(store, { key: 'b2', from: 'cs@example.edu', subject: '计算机学院推荐表（修改）', receivedAt: '2025-05-07T09:00:00Z', judgedAt: '2025-05-07T09:00:05Z', unit: '计算机科学与技术学院',
    verdicts: [{ deliverable: 'recommendation', status: 'accepted_with_warnings', warnings: 2, rows: [recRow(7, HOSTILE[0], { place: HOSTILE[1], remarks: HOSTILE[2] })] }] });
  await seedMail(store, { key: 'b3', from: 'cs@example.edu', subject: '计算机学院统计表', receivedAt: '2025-05-07T10:00:00Z', judgedAt: '2025-05-07T10:00:05Z', unit: '计算机科学与技术学院',
    verdicts: [{ deliverable: 'report', status: 'incomplete', rows: [repRow(6, '科普直播')], parts: { table: true, summary: false, media: false, press: false }, missing: ['summary', 'media'] }] });
  await seedMail(store, { key: 'c1', from: 'econ@example.edu', subject: '经管学院推荐表', receivedAt: early, judgedAt: early, unit: '经济管理学院',
    verdicts: [{ deliverable: 'recommendation', status: 'needs_correction', errors: 3, rows: [recRow(7, '经济学沙龙')] }] });
  await seedMail(store, { key: 'd1', from: 'traffic@example.edu', subject: '交运学院推荐表', receivedAt: '2025-05-07T02:30:00Z', judgedAt: '2025-05-07T02:30:05Z', unit: '交通运输学院',
    verdicts: [{ deliverable: 'recommendation', status: 'accepted', late: true, rows: [recRow(7, '轨道交通科普')] }] });
  await seedMail(store, { key: 'g1', from: 'ee@example.edu', subject: '电气学院材料', receivedAt: early, judgedAt: early, unit: '电气工程学院',
    verdicts: [
      { deliverable: 'recommendation', status: 'accepted', rows: [recRow(7, '电力科普')] },
      { deliverable: 'report', status: 'accepted', rows: [repRow(6, '电力科普'), repRow(7, '电网开放日')], parts: full },
    ] });
  // A mail nobody could place, one with conflicting units, and one the coordinator already settled.
  await seedMail(store, { key: 'h1', from: 'stranger@example.edu', subject: '推荐表 <b>请查收</b>', receivedAt: '2025-05-06T03:00:00Z', judgedAt: '2025-05-06T03:00:05Z', unit: null,
    held: { reason: 'unknown_unit', detail: '无法确定发件单位' }, verdicts: [{ deliverable: 'recommendation', status: 'held' }, { deliverable: 'report', status: 'held' }] });
  await seedMail(store, { key: 'h2', from: 'mixed@example.edu', subject: '土建学院推荐表', receivedAt: '2025-05-06T05:00:00Z', judgedAt: '2025-05-06T05:00:05Z', unit: null,
    held: { reason: 'conflict', detail: '表内单位与主题不一致' }, verdicts: [{ deliverable: 'recommendation', status: 'held' }] });
  const settled = await seedMail(store, { key: 'h3', from: 'old@example.edu', subject: '已处理的待定邮件', receivedAt: '2025-05-05T05:00:00Z', judgedAt: '2025-05-05T05:00:05Z', unit: null,
    held: { reason: 'unknown_unit', detail: '无法确定发件单位' }, verdicts: [{ deliverable: 'recommendation', status: 'held' }] });
  await store.db.insertInto('coordinator_decisions').values({ message_id: 'decision-1', target_message_id: settled, action: 'assign', unit: '电气工程学院', authenticated: 1, auth_detail: 'dkim=pass', created_at: '2025-05-05T06:00:00Z' }).execute();
  await store.incidents.record('job_failed', 'validate/validate-0123', '重试 6 次后仍失败：附件无法读取', '2025-05-07T11:00:00Z');
  await store.incidents.record('intake_stall', 'INBOX', '已 20 分钟没有成功收取', '2025-05-07T12:00:00Z');
  await store.incidents.resolve('intake_stall', 'INBOX', '2025-05-07T12:30:00Z');
}
