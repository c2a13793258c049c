/**
 * A seeded campaign state for digest tests: eight units in every situation the coordinator meets —
 * accepted, accepted with warnings, corrections pending, late, incomplete, held, missing — plus
 * an intake stall, a failed job and a sender who tries to slip markup into the digest.
 */
import { campaignSchema, type Campaign } from '../../../src/domain/campaign/campaign-schema.js';
import type { DigestInput, DigestSubmission } from '../../../src/domain/digest/index.js';

export function testCampaign(): Campaign {
  return campaignSchema.parse({
    name: '2025年全国科技活动周和全国科技工作者日',
    theme: '矢志创新发展 建设科技强国',
    mailbox: { address: 'submissions@example.edu' },
    coordinator: { name: '协调人', address: 'coordinator@example.edu' },
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
  });
}

export const UNITS = [
  '电子信息工程学院', // 0 A: recommendation accepted, report missing
  '计算机科学与技术学院', // 1 B: recommendation with warnings, report incomplete
  '经济管理学院', // 2 C: recommendation needs correction (2nd version)
  '交通运输学院', // 3 D: recommendation held
  '土木建筑工程学院', // 4 E: nothing at all
  '机械与电子控制工程学院', // 5 F: recommendation accepted but late
  '软件学院', // 6 G: everything accepted
  '环境学院', // 7 H: nothing at all
] as const;

function sub(unit: string, deliverable: DigestSubmission['deliverable'], status: DigestSubmission['status'], extra: Partial<DigestSubmission> = {}): DigestSubmission {
  return { unit, deliverable, status, late: false, version: 1, receivedAt: '2025-05-04T02:00:00Z', errorCount: 0, warningCount: 0, missingParts: [], ...extra };
}

export const SUBMISSIONS: DigestSubmission[] = [
  sub('电子信息工程学院', 'recommendation', 'accepted'),
  sub('计算机科学与技术学院', 'recommendation', 'accepted_with_warnings', { warningCount: 2 }),
  sub('计算机科学与技术学院', 'report', 'incomplete', { missingParts: ['总结材料', '影像资料'], receivedAt: '2025-05-07T06:00:00Z' }),
  sub('经济管理学院', 'recommendation', 'needs_correction', { version: 1, errorCount: 5 }),
  sub('经济管理学院', 'recommendation', 'needs_correction', { version: 2, errorCount: 3, receivedAt: '2025-05-06T08:00:00Z' }),
  sub('交通运输学院', 'recommendation', 'held'),
  sub('机械与电子控制工程学院', 'recommendation', 'accepted', { late: true, receivedAt: '2025-05-07T02:30:00Z' }),
  sub('软件学院', 'recommendation', 'accepted'),
  sub('软件学院', 'report', 'accepted', { receivedAt: '2025-05-07T09:00:00Z' }),
  // Not in the registry: it reaches the coordinator as an unknown sender, never as a board row.
  sub('某不存在学院', 'recommendation', 'accepted'),
];

/** 2025-05-08 08:30 in Shanghai: two days after the recommendation deadline. */
export const NOW = new Date('2025-05-08T00:30:00Z');

export function seededInput(): DigestInput {
  return {
    now: NOW,
    campaign: testCampaign(),
    units: [...UNITS],
    submissions: SUBMISSIONS,
    needsYou: [
      { kind: 'job_failed', subject: 'validate 作业', detail: '重试 5 次后仍失败：数据库连接超时', since: '2025-05-07T10:00:00Z' },
      { kind: 'intake_stall', subject: '收件邮箱', detail: '已 6 小时没有取到新邮件', since: '2025-05-07T18:30:00Z' },
      { kind: 'held', subject: '推荐表 <script>alert(1)</script>', detail: '发件人 x@example.edu\n【各单位情况】伪造的一行', since: '2025-05-06T03:00:00Z' },
      { kind: 'unknown_sender', subject: '某不存在学院 推荐表', detail: 'someone@example.org', since: '2025-05-07T01:00:00Z' },
      { kind: 'held', subject: '交通运输学院 推荐表', detail: '表内单位与发件地址不一致', since: '2025-05-05T03:00:00Z' },
    ],
    changes: [
      { at: '2025-05-07T09:00:00Z', unit: '软件学院', deliverable: 'report', from: null, to: 'accepted' },
      { at: '2025-05-07T02:30:00Z', unit: '机械与电子控制工程学院', deliverable: 'recommendation', from: null, to: 'accepted' },
      { at: '2025-05-07T06:00:00Z', unit: '计算机科学与技术学院', deliverable: 'report', from: null, to: 'incomplete' },
    ],
    lastDigestAt: '2025-05-07T00:30:00Z',
    remindersSentToday: [],
  };
}
