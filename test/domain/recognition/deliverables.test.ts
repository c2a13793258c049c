import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeDeliverables, type SubmittedAttachment } from '../../../src/domain/recognition/deliverables.js';
import { missingReportParts } from '../../../src/domain/recognition/report-parts.js';

const PHOTO = 1_500_000;
const file = (part: string, filename: string, sniffedType: string, size = 40_000): SubmittedAttachment => ({ part, filename, sniffedType, size });

test('a mail carrying both forms delivers both the recommendation and the report', () => {
  const r = recognizeDeliverables({
    subject: '计算机学院科技周材料',
    attachments: [file('2', '附件1.xlsx', 'zip'), file('3', '附件2.xlsx', 'zip')],
    links: [],
    formsFound: ['recommendation', 'report'],
  });
  assert.deepEqual(r.deliverables, ['recommendation', 'report']);
  assert.deepEqual(r.files.map((f) => f.role), ['form', 'form']);
  assert.deepEqual(r.reportParts, { table: true, summary: false, media: false, press: false });
});

test('a zip of a whole report (统计表, 总结, 照片/*.jpg) is a report with table, summary and media', () => {
  const r = recognizeDeliverables({
    subject: '电信学院科技活动周总结材料',
    attachments: [
      {
        ...file('2', '电信学院.zip', 'zip', 9_000_000),
        entries: [
          { name: '电信学院/', size: 0, sniffedType: '' },
          { name: '电信学院/统计表.xlsx', size: 30_000, sniffedType: 'zip' },
          { name: '电信学院/总结.docx', size: 80_000, sniffedType: 'zip' },
          { name: '电信学院/照片/1.jpg', size: PHOTO, sniffedType: 'jpeg' },
          { name: '电信学院/照片/2.jpg', size: PHOTO, sniffedType: 'jpeg' },
          { name: '__MACOSX/电信学院/._总结.docx', size: 200, sniffedType: 'unknown' },
        ],
      },
    ],
    links: [],
    formsFound: ['report'],
  });
  assert.deepEqual(r.deliverables, ['report']);
  assert.deepEqual(r.reportParts, { table: true, summary: true, media: true, press: false });
  assert.deepEqual(missingReportParts(r.reportParts!), []);
  assert.deepEqual(
    r.files.map((f) => [f.source, f.name, f.role]),
    [
      ['zip_entry', '电信学院/统计表.xlsx', 'form'],
      ['zip_entry', '电信学院/总结.docx', 'summary'],
      ['zip_entry', '电信学院/照片/1.jpg', 'media_photo_video'],
      ['zip_entry', '电信学院/照片/2.jpg', 'media_photo_video'],
    ],
  );
});

test('a mail with only photos from a unit is a report, incomplete: 统计表 and 总结材料 missing', () => {
  const r = recognizeDeliverables({
    subject: '经管学院',
    attachments: [file('2', 'IMG_1201.jpg', 'jpeg', PHOTO), file('3', 'IMG_1202.jpg', 'jpeg', PHOTO)],
    links: [],
    formsFound: [],
  });
  assert.deepEqual(r.deliverables, ['report']);
  assert.deepEqual(r.reportParts, { table: false, summary: false, media: true, press: false });
  assert.deepEqual(missingReportParts(r.reportParts!).map((m) => m.label), ['统计表', '总结材料']);
});

test('with no readable form, the subject and file names decide: 推荐表 → recommendation', () => {
  const r = recognizeDeliverables({ subject: '【软件学院】科技活动周推荐表', attachments: [file('2', '推荐表.xls', 'cfb')], links: [], formsFound: [] });
  assert.deepEqual(r.deliverables, ['recommendation']);
  assert.equal(r.reportParts, null);
});

test('with no readable form, 附件2 in a file name means the report', () => {
  const r = recognizeDeliverables({ subject: '科技周', attachments: [file('2', '附件２.et', 'cfb')], links: [], formsFound: [] });
  assert.deepEqual(r.deliverables, ['report']);
  assert.equal(r.reportParts?.table, false);
});

test('a recommendation sent with a poster and a plan stays a recommendation only', () => {
  const r = recognizeDeliverables({
    subject: '计算机学院推荐表',
    attachments: [file('2', '推荐表.xlsx', 'zip'), file('3', '海报.png', 'png', PHOTO), file('4', '活动方案.docx', 'zip'), file('5', '推荐表盖章.pdf', 'pdf')],
    links: [],
    formsFound: ['recommendation'],
  });
  assert.deepEqual(r.deliverables, ['recommendation']);
  assert.equal(r.reportParts, null);
});

test('a recommendation mail that also carries named report material delivers both', () => {
  const r = recognizeDeliverables({
    subject: '计算机学院材料',
    attachments: [file('2', '推荐表.xlsx', 'zip'), file('3', '活动总结.docx', 'zip')],
    links: [],
    formsFound: ['recommendation'],
  });
  assert.deepEqual(r.deliverables, ['recommendation', 'report']);
  assert.deepEqual(r.reportParts, { table: false, summary: true, media: false, press: false });
});

test('a mail with nothing to go by carries no deliverable', () => {
  const r = recognizeDeliverables({ subject: '你好', attachments: [], links: [], formsFound: [] });
  assert.deepEqual(r.deliverables, []);
  assert.equal(r.reportParts, null);
});
