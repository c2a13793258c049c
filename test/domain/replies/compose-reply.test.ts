import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeReply } from '../../../src/domain/replies/compose-reply.js';
import { missingReportParts } from '../../../src/domain/recognition/report-parts.js';
import { describeChanges } from '../../../src/domain/replies/describe-changes.js';
import {
  attendanceWarning,
  badDate,
  badPhone,
  missingName,
  OWN_DOMAIN,
  problem,
  recommendation,
  replyInput,
  report,
} from './reply-fixtures.js';

const opts = { ownDomain: OWN_DOMAIN, messageIdToken: 'reply.R-7K3F9Q.v1' };

/** Position of each needle in the haystack; fails when one is missing. */
function positions(haystack: string, needles: readonly string[]): number[] {
  return needles.map((n) => {
    const i = haystack.indexOf(n);
    assert.ok(i >= 0, `expected to find ${JSON.stringify(n)}`);
    return i;
  });
}

test('a unit sends a valid recommendation form → it gets an acknowledgement that says what was received', () => {
  const reply = composeReply(replyInput(), opts);
  assert.equal(reply.kind, 'acknowledgement');
  assert.equal(reply.subject, '【回执】电子信息工程学院 推荐表 已收到 [R-7K3F9Q]');
  for (const body of [reply.text, reply.html]) {
    assert.match(body, /电子信息工程学院：/);
    assert.match(body, /附件1-推荐表（电信学院）\.xlsx/);
    assert.match(body, /检查结果：已接收。.{0,20}共读取到 3 项活动。/);
    assert.match(body, /2025-05-05 14:32/, 'received time in Beijing time');
    assert.match(body, /提交编号 R-7K3F9Q/);
    assert.doesNotMatch(body, /需要修改|已超过截止时间/);
    assert.match(body, /请直接回复本邮件并附上新的完整文件/);
  }
  assert.deepEqual(reply.to, { address: 'office@ee.example.edu', name: '电信学院办公室' });
});

test('a recommendation with only warnings is accepted, and the warnings are listed as 建议修改 with their cells', () => {
  const reply = composeReply(replyInput({ deliverables: [recommendation({ status: 'accepted_with_warnings', problems: [attendanceWarning] })] }), opts);
  assert.equal(reply.kind, 'acknowledgement');
  assert.match(reply.text, /建议修改（不影响接收/);
  assert.match(reply.text, /\[I6\] 第6行「线下参与人次」\(I6\) 为 0/);
  assert.doesNotMatch(reply.text, /需要修改（/);
});

test('a recommendation with errors → one correction request naming every problem cell, in reading order, errors first', () => {
  const header = problem({ code: 'header.required', cell: '推荐单位', column: '推荐单位', message: '表头「推荐单位」未填写，请在表格上方“推荐单位：”处填写。' });
  const missingColumn = problem({ code: 'column.missing', cell: null, column: '活动简介', value: null, message: '工作表「推荐表」中找不到「活动简介」列，请使用下发的模板填写，不要删除或改名这一列。' });
  const warning = problem({ severity: 'warning', cell: 'A8', message: '第8行 提示。' });
  const input = replyInput({
    deliverables: [recommendation({ status: 'needs_correction', problems: [missingName, warning, badPhone, header, badDate, missingColumn] })],
  });
  const reply = composeReply(input, opts);
  assert.equal(reply.kind, 'correction_request');
  assert.equal(reply.subject, '【修改通知】电子信息工程学院 推荐表 需修改 [R-7K3F9Q]');
  for (const body of [reply.text, reply.html]) {
    const at = positions(body, ['找不到「活动简介」列', '表头「推荐单位」未填写', '(E7) 填写为“5.20”', '(K8) 填写为“1381234567”', '(B9) 未填写', '第8行 提示']);
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'file-wide, then header, then rows 7, 8, 9; the warning last');
    assert.match(body, /需要修改（修改后才能通过）/);
    assert.match(body, /请在贵单位原来的表格中修改以上内容/);
    assert.match(body, /直接回复本邮件，附上修改后的完整文件/);
  }
  assert.match(reply.text, /\[E7\] 第7行「开始日期」\(E7\)/);
  assert.match(reply.html, />E7<\/span> 第7行「开始日期」\(E7\)/);
});

test('a sheet with hundreds of problems lists the first 50 and counts the rest, pointing to the annotated copy', () => {
  const many = Array.from({ length: 120 }, (_, i) => problem({ cell: `B${i + 5}`, message: `第${i + 5}行 问题编号${i + 5}。` }));
  const reply = composeReply(
    replyInput({ deliverables: [recommendation({ status: 'needs_correction', problems: many })], annotatedAttachments: ['问题标注-推荐表.xlsx'] }),
    opts,
  );
  assert.match(reply.text, /问题编号54。/);
  assert.doesNotMatch(reply.text, /问题编号55。/);
  assert.match(reply.text, /另有 70 处问题未在邮件中列出，附件中的标注表格已标出全部问题/);
  assert.match(reply.text, /附件「问题标注-推荐表\.xlsx」是贵单位表格的副本/);
});

test('a report without its summary and photos → a correction request that names the missing parts', () => {
  const missing = missingReportParts({ table: true, summary: false, media: false, press: false });
  const input = replyInput({
    deliverables: [report({ status: 'incomplete', missingParts: missing, notReported: ['院士进校园讲座'] })],
    files: [{ filename: '统计表.xlsx', role: 'form' }],
  });
  const reply = composeReply(input, opts);
  assert.equal(reply.kind, 'correction_request');
  assert.equal(reply.subject, '【修改通知】电子信息工程学院 统计表及材料 需补充 [R-7K3F9Q]');
  for (const body of [reply.text, reply.html]) {
    assert.match(body, /材料不全，需要补充/);
    assert.match(body, /还缺少：总结材料、影像资料。/);
    assert.match(body, /已收到的材料会保留/);
    assert.match(body, /没有出现在统计表里/);
    assert.match(body, /院士进校园讲座/);
  }
});

test('a recommendation that arrives after the deadline is accepted, and the reply says so politely', () => {
  const reply = composeReply(replyInput({ receivedAt: '2025-05-07T02:15:00Z', deliverables: [recommendation({ late: true })] }), opts);
  assert.equal(reply.kind, 'acknowledgement');
  assert.match(reply.text, /截止日期为 2025-05-06，贵单位于 2025-05-07 10:15 发送，已超过截止时间。我们照常接收并登记，感谢贵单位的支持与配合！/);
  const onTime = composeReply(replyInput(), opts);
  assert.doesNotMatch(onTime.text, /截止/);
});

test('a unit resubmits after a correction request → the reply says what changed since the previous version', () => {
  const row = (name: string, n: number) => ({ rowNumber: n, values: { name } });
  const changes = describeChanges(
    { problems: [badDate, badPhone], rows: { recommendation: [row('科普讲座', 5), row('实验室开放日', 6)] } },
    { problems: [missingName], rows: { recommendation: [row('科普讲座', 5), row('科创集市', 6), row('知识竞赛', 7)] } },
  );
  const reply = composeReply(
    replyInput({ version: 2, changes, deliverables: [recommendation({ status: 'needs_correction', problems: [missingName] })] }),
    { ...opts, messageIdToken: 'reply.R-7K3F9Q.v2' },
  );
  for (const body of [reply.text, reply.html]) {
    assert.match(body, /第 2 版/);
    assert.match(body, /与上一版（第 1 版）相比：已修正 2 处问题，新发现 1 处问题，新增 2 行（科创集市、知识竞赛），删除 1 行（实验室开放日）。/);
  }
});

test('a campaign set to English gets the English reply, with the Chinese problem texts quoted', () => {
  const input = replyInput({ language: 'en', deliverables: [recommendation({ status: 'needs_correction', activities: 1, problems: [badDate] })] });
  const reply = composeReply(input, opts);
  assert.equal(reply.subject, '[Correction needed] 电子信息工程学院: recommendation form [R-7K3F9Q]');
  assert.match(reply.text, /We received your submission at 2025-05-05 14:32 \(Beijing time\), reference R-7K3F9Q\. It has been checked/);
  assert.match(reply.text, /Result: Needs correction\. 1 activity read\./);
  assert.match(reply.text, /\[E7\] 第7行「开始日期」/);
  assert.match(reply.text, /reply to this mail with the complete corrected file/);
  assert.match(reply.text, /Problem descriptions are quoted in Chinese/);
  assert.doesNotMatch(reply.text, /您好|需要修改|请直接回复/);
  assert.match(reply.html, /<html lang="en">/);
  const ack = composeReply(replyInput({ language: 'en' }), opts);
  assert.equal(ack.subject, '[Receipt] 电子信息工程学院: recommendation form received [R-7K3F9Q]');
});

test('hostile text from the unit (file names, cell values, activity names, links) is escaped in the HTML and kept in the text', () => {
  const evil = '<script>alert("x")</script> & Co';
  const input = replyInput({
    files: [{ filename: `${evil}.xlsx`, role: 'form' }],
    links: [{ url: 'https://pan.example.com/s/1?a=1&b=<img src=x onerror=alert(1)>', label: '<b>视频</b>', role: 'media_photo_video' }],
    deliverables: [
      recommendation({ status: 'needs_correction', problems: [problem({ cell: 'C7', value: evil, message: `第7行填写为“${evil}”，请改正。` })] }),
      report({ notReported: ['<img src=x onerror=alert(2)>讲座'] }),
    ],
    original: { ...replyInput().original, subject: `${evil} 推荐表` },
  });
  const reply = composeReply(input, opts);
  assert.doesNotMatch(reply.html, /<script|<img|<b>/);
  assert.match(reply.html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Co\.xlsx/);
  assert.match(reply.html, /a=1&amp;b=&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(reply.html, /&lt;img src=x onerror=alert\(2\)&gt;讲座/);
  assert.ok(reply.text.includes(`${evil}.xlsx`), 'plain text keeps the value as written');
  assert.ok(reply.text.includes(`第7行填写为“${evil}”`));
});

test('the HTML uses inline styles only and is sized for a phone', () => {
  const reply = composeReply(replyInput({ deliverables: [recommendation({ status: 'needs_correction', problems: [badDate] })] }), opts);
  assert.doesNotMatch(reply.html, /<style|class=|<table|<script/i);
  assert.match(reply.html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(reply.html, /max-width:640px/);
});

test('the plain-text and HTML parts say the same things', () => {
  const input = replyInput({ deliverables: [recommendation({ status: 'needs_correction', problems: [badDate, badPhone, attendanceWarning] })] });
  const reply = composeReply(input, opts);
  for (const p of [badDate, badPhone, attendanceWarning]) {
    assert.ok(reply.text.includes(p.message));
    assert.ok(reply.html.includes(p.message.replace(/"/g, '&quot;')));
  }
});

test('a mail with nothing recognisable gets a correction request asking for the files', () => {
  const reply = composeReply(replyInput({ deliverables: [], files: [] }), opts);
  assert.equal(reply.kind, 'correction_request');
  assert.equal(reply.subject, '【修改通知】电子信息工程学院 材料 需补充 [R-7K3F9Q]');
  assert.match(reply.text, /邮件中没有附件/);
  assert.match(reply.text, /没有在邮件中找到推荐表、统计表或相关材料/);
});

test('a mail carrying both forms names both in the subject and reports each under its own heading', () => {
  const reply = composeReply(replyInput({ deliverables: [recommendation(), report({ status: 'accepted_with_warnings', problems: [attendanceWarning] })] }), opts);
  assert.equal(reply.subject, '【回执】电子信息工程学院 推荐表、统计表及材料 已收到 [R-7K3F9Q]');
  const [rec, rep, warn] = positions(reply.text, ['【推荐表】', '【统计表及材料】', '(I6)']);
  assert.ok(rec! < rep! && rep! < warn!, 'the warning is under the report');
});
