import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeDeliverables } from '../../../src/domain/recognition/deliverables.js';
import { isReportComplete, mergeReportParts, missingReportParts, type ReportParts } from '../../../src/domain/recognition/report-parts.js';

test('a report sent in three mails (table, then summary, then a cloud-drive link to videos) is complete after the third', () => {
  const first = recognizeDeliverables({
    subject: '电信学院 附件2 统计表',
    attachments: [{ part: '2', filename: '附件2-统计表.xlsx', sniffedType: 'zip', size: 30_000 }],
    links: [],
    formsFound: ['report'],
  });
  const second = recognizeDeliverables({
    subject: '电信学院 科技周总结',
    attachments: [{ part: '2', filename: '电信学院科技周活动总结.docx', sniffedType: 'zip', size: 120_000 }],
    links: [],
    formsFound: [],
  });
  const third = recognizeDeliverables({
    subject: '电信学院 活动视频',
    attachments: [],
    links: [{ url: 'https://pan.example.com/s/abc', kind: 'cloud_drive', provider: 'baidu', label: null }],
    formsFound: [],
  });
  for (const mail of [first, second, third]) assert.deepEqual(mail.deliverables, ['report']);

  let parts: ReportParts | null = null;
  parts = mergeReportParts(parts, first.reportParts!);
  assert.deepEqual(missingReportParts(parts).map((m) => m.label), ['总结材料', '影像资料']);
  parts = mergeReportParts(parts, second.reportParts!);
  assert.deepEqual(missingReportParts(parts).map((m) => m.label), ['影像资料']);
  assert.equal(isReportComplete(parts), false);
  parts = mergeReportParts(parts, third.reportParts!);
  assert.deepEqual(missingReportParts(parts), []);
  assert.equal(isReportComplete(parts), true);
});

test('a part once received stays received when a later mail lacks it', () => {
  const merged = mergeReportParts(
    { table: true, summary: true, media: false, press: true },
    { table: false, summary: false, media: true, press: false },
  );
  assert.deepEqual(merged, { table: true, summary: true, media: true, press: true });
});

test('媒体报道资料 is optional: a report without press coverage is not missing anything', () => {
  assert.deepEqual(missingReportParts({ table: true, summary: true, media: true, press: false }), []);
  assert.deepEqual(missingReportParts({ table: false, summary: false, media: false, press: true }), [
    { part: 'table', label: '统计表' },
    { part: 'summary', label: '总结材料' },
    { part: 'media', label: '影像资料' },
  ]);
});
