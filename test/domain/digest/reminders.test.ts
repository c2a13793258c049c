import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeReminder, planReminders, type DigestSubmission, type PlannedReminder } from '../../../src/domain/digest/index.js';
import { testCampaign } from './seed.js';

const campaign = testCampaign(); // recommendation due 05-06, report due 06-13, reminders 3 and 1 days before
const units = ['电子信息工程学院', '计算机科学与技术学院', '经济管理学院', '交通运输学院', '环境学院'];

function sub(unit: string, deliverable: DigestSubmission['deliverable'], status: DigestSubmission['status'], version = 1, missingParts: string[] = []) {
  return { unit, deliverable, status, version, missingParts };
}

const submissions = [
  sub('电子信息工程学院', 'recommendation', 'accepted'),
  sub('计算机科学与技术学院', 'recommendation', 'needs_correction'),
  sub('经济管理学院', 'recommendation', 'needs_correction', 1),
  sub('经济管理学院', 'recommendation', 'accepted_with_warnings', 2),
  sub('交通运输学院', 'recommendation', 'held'),
  sub('电子信息工程学院', 'report', 'incomplete', 1, ['总结材料']),
  sub('计算机科学与技术学院', 'report', 'accepted'),
];

/** Shanghai 08:30 of a day, as the scheduler runs it. */
const at = (day: string) => new Date(`${day}T00:30:00Z`);
const brief = (rs: PlannedReminder[]) => rs.map((r) => `${r.unit}/${r.deliverable}/${r.reason}/${r.daysLeft}`);

describe('a few days before a deadline, units that still owe something get one polite reminder', () => {
  it('plans by day: only on the configured days before each deadline, only to units not done', () => {
    const table: [string, string[]][] = [
      ['2025-05-02', []],
      ['2025-05-03', ['计算机科学与技术学院/recommendation/needs_correction/3', '环境学院/recommendation/missing/3']],
      ['2025-05-04', []],
      ['2025-05-05', ['计算机科学与技术学院/recommendation/needs_correction/1', '环境学院/recommendation/missing/1']],
      ['2025-05-06', []],
      ['2025-06-10', ['电子信息工程学院/report/incomplete/3', '经济管理学院/report/missing/3', '交通运输学院/report/missing/3', '环境学院/report/missing/3']],
    ];
    for (const [day, expected] of table) {
      assert.deepEqual(brief(planReminders({ now: at(day), campaign, units, submissions, alreadySent: [] })), expected, day);
    }
  });

  it('a done unit (accepted, or accepted with warnings in its latest version) and a held one are never reminded', () => {
    const planned = planReminders({ now: at('2025-05-03'), campaign, units, submissions, alreadySent: [] }).map((r) => r.unit);
    for (const unit of ['电子信息工程学院', '经济管理学院', '交通运输学院']) assert.ok(!planned.includes(unit), unit);
  });

  it('a second run on the same day plans nothing; the next reminder day plans again', () => {
    const first = planReminders({ now: at('2025-05-03'), campaign, units, submissions, alreadySent: [] });
    assert.equal(first.length, 2);
    assert.deepEqual(first.map((r) => [r.dueDate, r.sentOn]), [['2025-05-06', '2025-05-03'], ['2025-05-06', '2025-05-03']]);
    const later = new Date('2025-05-03T13:00:00Z'); // 21:00 the same Shanghai day
    assert.deepEqual(planReminders({ now: later, campaign, units, submissions, alreadySent: first }), []);
    assert.equal(planReminders({ now: at('2025-05-05'), campaign, units, submissions, alreadySent: first }).length, 2);
  });

  it('the day turns at midnight in Shanghai, not in UTC', () => {
    const plan = (iso: string) => planReminders({ now: new Date(iso), campaign, units, submissions, alreadySent: [] }).length;
    assert.equal(plan('2025-05-02T15:59:00Z'), 0); // 05-02 23:59 Shanghai
    assert.equal(plan('2025-05-02T16:00:00Z'), 2); // 05-03 00:00 Shanghai
  });

  it('the reminder is polite Chinese that says what is still owed and where to send it', () => {
    const [incomplete] = planReminders({ now: at('2025-06-10'), campaign, units, submissions, alreadySent: [] });
    assert.ok(incomplete);
    const mail = composeReminder(campaign, incomplete);
    assert.equal(mail.subject, '【温馨提醒】统计表将于6月13日截止 — 2025年全国科技活动周和全国科技工作者日');
    assert.match(mail.text, /^电子信息工程学院负责老师：\n\n您好！/);
    assert.match(mail.text, /截止日期为 2025年6月13日（星期五），当天 24 时前发送均为按时，距截止还有 3 天。/);
    assert.match(mail.text, /目前还缺少：总结材料，烦请补充发送/);
    assert.match(mail.text, /请将材料发送至 submissions@example\.edu/);
    assert.match(mail.html, /<p style="margin:0 0 12px 0;">您好！/);

    const missing = composeReminder(campaign, { unit: '环境<学院>', deliverable: 'recommendation', dueDate: '2025-05-06', sentOn: '2025-05-06', reason: 'missing', daysLeft: 0, missingParts: [] });
    assert.equal(missing.subject, '【温馨提醒】推荐表今天截止 — 2025年全国科技活动周和全国科技工作者日');
    assert.match(missing.text, /尚未收到贵单位的特色群众性主题实践活动推荐表（附件1）/);
    assert.match(missing.html, /环境&#60;学院&#62;负责老师/);
  });
});
