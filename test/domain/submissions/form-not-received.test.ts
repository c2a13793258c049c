import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../../../src/domain/forms/problem.js';
import { formNotReceived } from '../../../src/domain/submissions/form-not-received.js';
import { templatesToAttach } from '../../../src/domain/replies/index.js';
import type { DeliverableOutcome } from '../../../src/domain/replies/reply-input.js';
import { shippedForms } from '../forms/load-defs.js';

const { defs } = shippedForms();
const TEMPLATE = '附件1-特色群众性主题实践活动推荐表.xlsx';
const file = (filename: string, sniffedType: string) => ({ part: '2', filename, sniffedType, size: 50_000 });

void test('a mail with no attachment is told it sent only the body, and asked for the .xlsx on the attached template', () => {
  const p = formNotReceived(defs.recommendation, []);
  assert.deepEqual({ code: p.code, severity: p.severity, form: p.form, cell: p.cell }, { code: 'form-not-received', severity: 'error', form: 'recommendation', cell: null });
  assert.equal(p.message, `本邮件中没有可读取的推荐表（附件1）：收到的是邮件正文，没有附件。请用本回信所附的空白模板“${TEMPLATE}”填写，以 .xlsx 文件作为附件发送（不要拍照、截图、转为 PDF 或粘贴在正文中）。`);
});

void test('what arrived is named file by file, and a long list is summed up', () => {
  assert.match(formNotReceived(defs.recommendation, [file('推荐表.jpg', 'jpeg'), file('推荐表.pdf', 'pdf')]).message, /收到的是附件“推荐表\.jpg”（图片）、“推荐表\.pdf”（文档）。/);
  const many = Array.from({ length: 8 }, (_, i) => file(`照片${i + 1}.jpg`, 'jpeg'));
  assert.match(formNotReceived(defs.report, many).message, /“照片5\.jpg”（图片）等 8 个附件。/);
});

const outcome = (activities: number, codes: string[]): DeliverableOutcome => ({
  deliverable: 'recommendation', title: '推荐表', status: 'needs_correction', late: false, due: '2025-05-06', activities, missingParts: [],
  problems: codes.map((code): Problem => ({ code, severity: 'error', form: 'recommendation', sheet: null, cell: null, column: null, value: null, message: code })),
} as unknown as DeliverableOutcome);

void test('the blank template goes with a request that has no readable form, not with one that lists cell mistakes', () => {
  assert.deepEqual(templatesToAttach({ deliverables: [outcome(0, ['form-not-received'])] }), ['recommendation']);
  assert.deepEqual(templatesToAttach({ deliverables: [outcome(0, ['file-other-spreadsheet'])] }), ['recommendation']);
  assert.deepEqual(templatesToAttach({ deliverables: [outcome(3, ['cell.required'])] }), []);
  assert.deepEqual(templatesToAttach({ deliverables: [outcome(0, ['form.noActivityRows'])] }), [], 'a form read with no activity: the unit has the template already');
});
