import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeDigest } from '../../../src/domain/digest/index.js';
import { NOW, seededInput } from './seed.js';

describe('the coordinator opens the daily digest two days after the recommendation deadline', () => {
  const digest = composeDigest(seededInput());

  it('the subject line alone tells her how many units are done and how many things wait for her', () => {
    assert.equal(digest.subject, '【每日汇总】2025年全国科技活动周和全国科技工作者日 5月8日：推荐表 4/8，统计表 1/8，待处理 5 项');
  });

  it('headline figures count done, pending and missing per deliverable, with the countdown', () => {
    const pick = ({ deliverable, total, done, pending, missing, accepted, acceptedWithWarnings, needsCorrection, incomplete, held, late, daysLeft, countdown }: (typeof digest.figures)[number]) =>
      ({ deliverable, total, done, pending, missing, accepted, acceptedWithWarnings, needsCorrection, incomplete, held, late, daysLeft, countdown });
    assert.deepEqual(digest.figures.map(pick), [
      { deliverable: 'recommendation', total: 8, done: 4, pending: 2, missing: 2, accepted: 3, acceptedWithWarnings: 1, needsCorrection: 1, incomplete: 0, held: 1, late: 1, daysLeft: -2, countdown: '已截止 2 天' },
      { deliverable: 'report', total: 8, done: 1, pending: 1, missing: 6, accepted: 1, acceptedWithWarnings: 0, needsCorrection: 0, incomplete: 1, held: 0, late: 0, daysLeft: 36, countdown: '还剩 36 天' },
    ]);
  });

  it('the board puts units to chase first, then missing ones by nearest deadline, then those done', () => {
    assert.deepEqual(
      digest.board.map((r) => [r.unit, r.urgency, ...r.cells.map((c) => c.state)]),
      [
        ['经济管理学院', 'attention', 'needs_correction', 'missing'],
        ['交通运输学院', 'attention', 'held', 'missing'],
        ['计算机科学与技术学院', 'attention', 'accepted_with_warnings', 'incomplete'],
        ['土木建筑工程学院', 'missing', 'missing', 'missing'],
        ['环境学院', 'missing', 'missing', 'missing'],
        ['电子信息工程学院', 'missing', 'accepted', 'missing'],
        ['机械与电子控制工程学院', 'missing', 'late', 'missing'],
        ['软件学院', 'done', 'accepted', 'accepted'],
      ],
    );
  });

  it('a late acceptance shows both facts, a resubmission shows its version, an overdue gap is marked', () => {
    const cell = (unit: string, i: number) => digest.board.find((r) => r.unit === unit)?.cells[i];
    assert.deepEqual([cell('机械与电子控制工程学院', 0)?.state, cell('机械与电子控制工程学院', 0)?.status, cell('机械与电子控制工程学院', 0)?.late], ['late', 'accepted', true]);
    assert.deepEqual([cell('经济管理学院', 0)?.version, cell('经济管理学院', 0)?.errorCount], [2, 3]);
    assert.equal(cell('土木建筑工程学院', 0)?.overdue, true);
    assert.equal(cell('土木建筑工程学院', 1)?.overdue, false);
    assert.match(digest.html, /已通过·逾期/);
    assert.match(digest.html, /未提交（已截止）/);
    assert.match(digest.text, /经济管理学院：推荐表 需修改（3 处错误，第2版，5月6日 16:00 收到）/);
  });

  it('needs-you lists the intake stall first, then held mail oldest first, unknown senders, then failed jobs', () => {
    assert.deepEqual(
      digest.needsYou.map((n) => [n.kind, n.label, n.subject]),
      [
        ['intake_stall', '收件中断', '收件邮箱'],
        ['held', '待确认的提交', '交通运输学院 推荐表'],
        ['held', '待确认的提交', '推荐表 <script>alert(1)</script>'],
        ['unknown_sender', '未知发件人', '某不存在学院 推荐表'],
        ['job_failed', '处理失败', 'validate 作业'],
      ],
    );
  });

  it('a sender cannot put markup into the HTML or fake a line of the text part', () => {
    assert.doesNotMatch(digest.html, /<script/i);
    assert.match(digest.html, /推荐表 &#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.ok(!digest.text.split('\n').some((line) => line.startsWith('【各单位情况】伪造')), 'the injected line break was folded');
    assert.match(digest.text, /发件人 x@example\.edu 【各单位情况】伪造的一行/);
  });

  it('the HTML is one inline-styled column of at most 600px with the chart inline', () => {
    assert.doesNotMatch(digest.html, /<style|<link|<script|class=/i);
    assert.match(digest.html, /max-width:600px/);
    assert.match(digest.html, /<img src="cid:progress-chart" width="560" height="86"/);
    assert.match(digest.html, /<meta name="viewport" content="width=device-width,initial-scale=1">/);
    assert.match(digest.html, /alt="进度图。推荐表：已通过3，通过有提示1，需修改1，待您确认1，材料不全0，未提交2；/);
  });

  it('the text alternative carries the same figures, changes in time order, and the last digest time', () => {
    assert.match(digest.text, /推荐表：已通过 4\/8，待处理 2，未提交 2，其中逾期 1；已截止 2 天（5月6日 周二截止）/);
    assert.match(digest.text, /统计表：已通过 1\/8，待处理 1，未提交 6；还剩 36 天/);
    assert.match(digest.text, /【需要您处理】5 项/);
    const changes = digest.text.split('\n').filter((l) => / → /.test(l));
    assert.deepEqual(changes, [
      '5月7日 10:30 机械与电子控制工程学院 推荐表：首次提交 → 已通过',
      '5月7日 14:00 计算机科学与技术学院 统计表：首次提交 → 材料不全',
      '5月7日 17:00 软件学院 统计表：首次提交 → 已通过',
    ]);
    assert.match(digest.text, /【新变化】自 5月7日 08:30 上次汇总以来/);
    assert.match(digest.text, /— 需跟进（3）\n经济管理学院/);
  });

  it('reminders sent today are listed; the first digest says so; a quiet day says nothing needs her', () => {
    const input = { ...seededInput(), needsYou: [], changes: [], lastDigestAt: null, remindersSentToday: [{ unit: '环境学院', deliverable: 'report' as const }] };
    const quiet = composeDigest(input);
    assert.match(quiet.subject, /，无待处理事项$/);
    assert.match(quiet.text, /【今日已发提醒】1 个单位\n环境学院（统计表）/);
    assert.match(quiet.text, /【新变化】首次汇总，没有新的变化。/);
    assert.match(quiet.html, /今天没有需要您处理的事项/);
  });

  it('files left unopened since the last digest are counted, in text and HTML; none, no line', () => {
    const told = composeDigest({ ...seededInput(), unopenedFiles: { files: 3, mails: 2 } });
    assert.match(told.text, /【未打开的文件】自上次汇总以来有 2 封邮件中的 3 处文件未打开（附件过多、多层转发或压缩包中的压缩包）/);
    assert.match(told.html, /未打开的文件/);
    assert.doesNotMatch(digest.text, /未打开的文件/);
  });

  it('composition is pure: the same input composes the same digest', () => {
    assert.deepEqual(composeDigest(seededInput()), digest);
    assert.equal(NOW.toISOString(), '2025-05-08T00:30:00.000Z');
  });

  it('a province-wide call keeps the mail short: board rows beyond the limit point to the workbook', () => {
    const capped = composeDigest(seededInput(), { maxBoardRows: 3 });
    assert.equal(capped.board.length, 8);
    assert.match(capped.html, /另有 5 个单位未列出，详见附件汇总表。/);
    assert.doesNotMatch(capped.text, /软件学院：/);
  });
});

describe('the digest says in one line what mail the worker left alone', () => {
  it('unrelated mail since the last digest and old mail never read, in the needs-you part, listing none of it', () => {
    const digest = composeDigest({ ...seededInput(), leftAlone: { unrelated: 37, beforeOpening: 5_000 } });
    const line = '另有 37 封与本次征集无关的邮件，程序未处理、未保存、未回复；征集开始（4月21日）前收到的 5000 封旧邮件未读取。';
    assert.ok(digest.text.includes(line), digest.text);
    assert.ok(digest.html.includes(line));
    assert.equal(digest.text.split('\n').filter((l) => l.includes('无关的邮件')).length, 1);
  });

  it('says nothing when nothing was left alone', () => {
    const digest = composeDigest({ ...seededInput(), leftAlone: { unrelated: 0, beforeOpening: 0 } });
    assert.ok(!digest.text.includes('无关的邮件'));
  });
});
