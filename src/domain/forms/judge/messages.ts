/**
 * Every problem the form judge can report: its code, its severity and the Chinese sentence a
 * unit reads, in one place — so replies, docs and tests can list them. Each message says where
 * (第7行「开始日期」(E7)), what was found, and what to write instead, as docs/forms.md, "Severity" shows.
 * `example` is a sample of each message's parameters, for docs and for a test that renders all.
 */
import type { Severity } from '../problem.js';

interface Entry<P> {
  severity: Severity;
  build: (p: P) => string;
  example: P;
}
const entry = <P>(e: Entry<P>): Entry<P> => e;

interface At {
  /** Location phrase from `rowPlace` / `totalsPlace` / `headerPlace`. */
  where: string;
}
interface Found extends At {
  value: string;
}

const PHONE_HINT = '请填写 11 位手机号码，或“区号-座机号码”（如 010-6xxxxxxx，分机可写“转123”）；多个号码用顿号“、”分隔';
const URL_SHAPE = '以 http:// 或 https:// 开头的完整网址，多个链接换行分隔';

export const problemMessages = {
  'form.noActivityRows': entry<{ sheet: string }>({
    severity: 'error',
    build: (p) => `工作表「${p.sheet}」中没有填写任何活动，请在表格中每行填写一项活动后再发送。`,
    example: { sheet: '推荐表' },
  }),
  'form.tooManyRows': entry<{ sheet: string; count: number; max: number }>({
    severity: 'error',
    build: (p) => `工作表「${p.sheet}」中有 ${p.count} 行活动，超过每个文件 ${p.max} 行的上限，本次未逐行检查。请检查是否误粘贴了其他表格或多余的行；如活动确实这么多，请拆分成几个文件分别发送。`,
    example: { sheet: '推荐表', count: 200000, max: 2000 },
  }),
  'column.missing': entry<{ sheet: string; column: string }>({
    severity: 'error',
    build: (p) => `工作表「${p.sheet}」中找不到「${p.column}」列，请使用下发的模板填写，不要删除或改名这一列。`,
    example: { sheet: '推荐表', column: '活动简介' },
  }),
  'header.required': entry<At & { label: string }>({
    severity: 'error',
    build: (p) => `${p.where}未填写，请在表格上方“${p.label}：”处填写。`,
    example: { where: '表头「联系人」', label: '联系人' },
  }),
  'cell.required': entry<At & { fill: string }>({
    severity: 'error',
    build: (p) => `${p.where}未填写，请${p.fill}。`,
    example: { where: '第7行「活动名称」(B7) ', fill: '填写活动名称' },
  }),
  'text.tooLong': entry<At & { count: number; max: number }>({
    severity: 'error',
    build: (p) => `${p.where}共 ${p.count} 字，超过 ${p.max} 字的上限，请精简到 ${p.max} 字以内。`,
    example: { where: '第7行「活动名称」(B7) ', count: 62, max: 50 },
  }),
  'enum.notAnOption': entry<Found & { options: readonly string[] }>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，不是可选项，请从下拉列表中选择：${p.options.join('、')}。`,
    example: { where: '第7行「活动类别」(C7) ', value: '科普讲座', options: ['政策宣传', '科学家精神', '成果科普', '群众实践', '网络宣传'] },
  }),
  'date.unrecognised': entry<Found & { example: string }>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，无法识别为日期，请填写为 ${p.example} 这样的日期。`,
    example: { where: '第7行「开始日期」(E7) ', value: '5.20', example: '2025-05-20' },
  }),
  'date.notReal': entry<Found & { example: string }>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，没有这一天，请核对后填写为 ${p.example} 这样的日期。`,
    example: { where: '第7行「开始日期」(E7) ', value: '2025-02-30', example: '2025-05-20' },
  }),
  'date.outsideWindow': entry<At & { date: string; start: string; end: string }>({
    severity: 'error',
    build: (p) => `${p.where}为 ${p.date}，不在活动时间 ${p.start} 至 ${p.end} 之内，请核对后填写这段时间内的日期。`,
    example: { where: '第7行「开始日期」(E7) ', date: '2025-04-20', start: '2025-05-01', end: '2025-06-10' },
  }),
  'date.endBeforeStart': entry<At & { end: string; start: string }>({
    severity: 'error',
    build: (p) => `${p.where}为 ${p.end}，早于开始日期 ${p.start}，结束日期不能早于开始日期，请核对。`,
    example: { where: '第7行「结束日期」(F7) ', end: '2025-05-18', start: '2025-05-20' },
  }),
  'integer.notNumber': entry<Found>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，不是数字，请只填写阿拉伯数字，如 200。`,
    example: { where: '第7行「预计参与人数」(I7) ', value: '二百' },
  }),
  'integer.approximate': entry<Found>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，请填写确切的数字，只写阿拉伯数字，如 200（不要加“约”“+”“余”等字）。`,
    example: { where: '第7行「预计参与人数」(I7) ', value: '约200' },
  }),
  'integer.decimal': entry<Found>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，应为整数，请填写不带小数的数字。`,
    example: { where: '第7行「场次」(H7) ', value: '1.5' },
  }),
  'integer.belowMin': entry<Found & { min: number }>({
    severity: 'error',
    build: (p) =>
      p.min === 0
        ? `${p.where}填写为“${p.value}”，不能为负数，请填写 0 或正整数。`
        : `${p.where}填写为“${p.value}”，不能小于 ${p.min}，请填写 ${p.min} 或以上的整数。`,
    example: { where: '第7行「预计参与人数」(I7) ', value: '0', min: 1 },
  }),
  'phone.invalid': entry<Found & { bad: readonly string[] }>({
    severity: 'error',
    build: (p) =>
      p.bad.length === 0 || (p.bad.length === 1 && p.bad[0] === p.value)
        ? `${p.where}填写为“${p.value}”，无法识别为电话号码，${PHONE_HINT}。`
        : `${p.where}填写为“${p.value}”，其中“${p.bad.join('”“')}”无法识别为电话号码，${PHONE_HINT}。`,
    example: { where: '第7行「联系电话」(K7) ', value: '1381234567', bad: ['1381234567'] },
  }),
  'email.invalid': entry<Found>({
    severity: 'error',
    build: (p) => `${p.where}填写为“${p.value}”，不是有效的电子邮箱地址，请填写完整的邮箱，如 name@bjtu.edu.cn。`,
    example: { where: '表头「电子邮箱」(B4) ', value: 'kyy＠bjtu' },
  }),
  'url.invalid': entry<Found & { bad: readonly string[] }>({
    severity: 'error',
    build: (p) => `${p.where}中的“${p.bad.join('”“')}”不是完整的网址，请填写${URL_SHAPE}。`,
    example: { where: '第7行「报道链接」(M7) ', value: 'www.example.com', bad: ['www.example.com'] },
  }),
  'links.requiredWithReports': entry<At & { countColumn: string; count: number }>({
    severity: 'error',
    build: (p) => `${p.where}未填写，但「${p.countColumn}」为 ${p.count}，请填写这些报道的链接（${URL_SHAPE}）。`,
    example: { where: '第7行「报道链接」(M7) ', countColumn: '媒体报道数', count: 2 },
  }),
  'attendance.expected': entry<At & { value: number; activityForm: string; column: string }>({
    severity: 'warning',
    build: (p) => `${p.where}为 ${p.value}，但活动形式为“${p.activityForm}”，一般应有${p.column}，请核对（确实为 0 可不修改）。`,
    example: { where: '第7行「线下参与人次」(I7) ', value: 0, activityForm: '线上线下', column: '线下参与人次' },
  }),
  'totals.mismatch': entry<At & { stated: number; computed: number }>({
    severity: 'error',
    build: (p) => `${p.where}填写为 ${p.stated}，但各活动行相加为 ${p.computed}，请改为 ${p.computed}，或核对各行的数字。`,
    example: { where: '「合计」行「线下参与人次」(I25) ', stated: 300, computed: 320 },
  }),
};

export type JudgeProblemCode = keyof typeof problemMessages;
export type MessageParams<C extends JudgeProblemCode> = (typeof problemMessages)[C]['example'];

export function renderMessage<C extends JudgeProblemCode>(code: C, params: MessageParams<C>): string {
  return (problemMessages[code].build as (p: MessageParams<C>) => string)(params);
}

// Location phrases open every message. After a cell reference comes a space, as in docs/forms.md's
// example ("Severity") `第7行「开始日期」(E7) 填写为“5.20”…`.
/** `第7行「开始日期」(E7) ` */
export const rowPlace = (row: number, column: string, ref: string): string => `第${row}行「${column}」(${ref}) `;
/** `「合计」行「场次」(H25) ` */
export const totalsPlace = (label: string, column: string, ref: string): string => `「${label}」行「${column}」(${ref}) `;
/** `表头「联系电话」(B3) `, or `表头「联系电话」` when the field was not found at all. */
export const headerPlace = (label: string, ref: string | null): string => (ref ? `表头「${label}」(${ref}) ` : `表头「${label}」`);
