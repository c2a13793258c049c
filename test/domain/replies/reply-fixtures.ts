/** Inputs for reply tests: one unit, one submission, problems rendered by the real message registry. */
import type { Problem } from '../../../src/domain/forms/problem.js';
import { renderMessage } from '../../../src/domain/forms/judge/messages.js';
import type { DeliverableOutcome, ReplyInput } from '../../../src/domain/replies/reply-input.js';

export const OWN_DOMAIN = 'mail.example.edu';

export function problem(over: Partial<Problem> & Pick<Problem, 'cell'>): Problem {
  return {
    code: 'cell.required',
    severity: 'error',
    form: 'recommendation',
    sheet: '推荐表',
    column: '活动名称',
    value: '',
    message: `单元格 ${over.cell ?? ''} 有问题。`,
    ...over,
  };
}

export const badDate: Problem = problem({
  code: 'date.unrecognised',
  cell: 'E7',
  column: '开始日期',
  value: '5.20',
  message: renderMessage('date.unrecognised', { where: '第7行「开始日期」(E7) ', value: '5.20', example: '2025-05-20' }),
});

export const badPhone: Problem = problem({
  code: 'phone.invalid',
  cell: 'K8',
  column: '联系电话',
  value: '1381234567',
  message: renderMessage('phone.invalid', { where: '第8行「联系电话」(K8) ', value: '1381234567', bad: ['1381234567'] }),
});

export const missingName: Problem = problem({
  code: 'cell.required',
  cell: 'B9',
  column: '活动名称',
  value: '',
  message: renderMessage('cell.required', { where: '第9行「活动名称」(B9) ', fill: '填写活动名称' }),
});

export const attendanceWarning: Problem = problem({
  code: 'attendance.expected',
  severity: 'warning',
  form: 'report',
  sheet: '统计表',
  cell: 'I6',
  column: '线下参与人次',
  value: '0',
  message: renderMessage('attendance.expected', { where: '第6行「线下参与人次」(I6) ', value: 0, activityForm: '线上线下', column: '线下参与人次' }),
});

export function recommendation(over: Partial<DeliverableOutcome> = {}): DeliverableOutcome {
  return {
    deliverable: 'recommendation',
    title: '特色群众性主题实践活动推荐表（附件1）',
    status: 'accepted',
    late: false,
    due: '2025-05-06',
    activities: 3,
    problems: [],
    missingParts: [],
    notReported: [],
    ...over,
  };
}

export function report(over: Partial<DeliverableOutcome> = {}): DeliverableOutcome {
  return {
    deliverable: 'report',
    title: '活动开展情况统计表及总结、影像、媒体报道材料（附件2）',
    status: 'accepted',
    late: false,
    due: '2025-06-13',
    activities: 2,
    problems: [],
    missingParts: [],
    notReported: [],
    ...over,
  };
}

export function replyInput(over: Partial<ReplyInput> = {}): ReplyInput {
  return {
    language: 'zh',
    campaignName: '2025年全国科技活动周和全国科技工作者日',
    unitName: '电子信息工程学院',
    reference: 'R-7K3F9Q',
    version: 1,
    receivedAt: '2025-05-05T06:32:00.000Z',
    deliverables: [recommendation()],
    files: [{ filename: '附件1-推荐表（电信学院）.xlsx', role: 'form' }],
    links: [],
    changes: null,
    annotatedAttachments: [],
    contact: { name: '吴老师', address: 'coordinator@example.edu' },
    original: {
      messageId: 'CAF-unit-1@example.edu',
      references: [],
      subject: '电信学院 科技活动周推荐表',
      from: { address: 'office@ee.example.edu', name: '电信学院办公室' },
    },
    ...over,
  };
}
