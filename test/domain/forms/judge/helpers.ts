/**
 * Test-local form definitions (mirroring config/forms.yaml and docs/forms.md, categories and forms
 * resolved from the 2025 campaign) and a builder of ReadForm values laid out like the template:
 * title in row 1, header block values in column B from row 2, column headers in row 6, activity
 * rows from row 7, columns A, B, C … in definition order.
 */
import type { ColumnDefinition, FormContext, FormDefinition, HeaderFieldDefinition, RawCell, RawRow, ReadForm } from '../../../../src/domain/forms/types.js';

export const ctx: FormContext = { activityWindow: { start: '2025-05-01', end: '2025-06-10' }, year: 2025, maxActivityRows: 2000 };
export const categories = ['政策宣传', '科学家精神', '成果科普', '群众实践', '网络宣传'];
export const activityForms = ['线上', '线下', '线上线下'];

const col = (key: string, label: string, type: ColumnDefinition['type'], required: boolean, extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  key,
  label,
  aliases: [],
  type,
  required,
  ...extra,
});
const field = (key: string, label: string, type: HeaderFieldDefinition['type'], required: boolean): HeaderFieldDefinition => ({ key, label, aliases: [], type, required });

const leading = [
  col('seq', '序号', 'integer', false),
  col('name', '活动名称', 'text', true, { maxLength: 50 }),
  col('category', '活动类别', 'enum', true, { options: categories }),
  col('activityForm', '活动形式', 'enum', true, { options: activityForms }),
  col('startDate', '开始日期', 'date', true),
  col('endDate', '结束日期', 'date', true),
  col('place', '活动地点', 'text', true),
];

export const recommendationDef: FormDefinition = {
  id: 'recommendation',
  version: 'test',
  title: '推荐表',
  templateFileName: '附件1.xlsx',
  sheetName: '推荐表',
  headerFields: [field('unit', '推荐单位', 'unit', true), field('contact', '联系人', 'text', true), field('phone', '联系电话', 'phone', true), field('email', '电子邮箱', 'email', false)],
  columns: [
    ...leading,
    col('audience', '面向对象', 'text', false),
    col('expectedParticipants', '预计参与人数', 'integer', true, { min: 1 }),
    col('leader', '负责人', 'text', true),
    col('leaderPhone', '联系电话', 'phone', true),
    col('summary', '活动简介', 'text', true, { maxLength: 500 }),
    col('remarks', '备注', 'text', false),
  ],
  totalsLabel: null,
  summedColumns: [],
  paddingRows: 20,
};

export const reportDef: FormDefinition = {
  id: 'report',
  version: 'test',
  title: '统计表',
  templateFileName: '附件2.xlsx',
  sheetName: '统计表',
  headerFields: [field('unit', '填报单位', 'unit', true), field('contact', '联系人', 'text', true), field('phone', '联系电话', 'phone', true)],
  columns: [
    ...leading,
    col('sessions', '场次', 'integer', true, { min: 1 }),
    col('offlineAttendance', '线下参与人次', 'integer', true, { min: 0 }),
    col('onlineAttendance', '线上参与人次', 'integer', true, { min: 0 }),
    col('scientists', '参与科技工作者人数', 'integer', true, { min: 0 }),
    col('mediaReports', '媒体报道数', 'integer', true, { min: 0 }),
    col('reportLinks', '报道链接', 'urls', false),
    col('remarks', '备注', 'text', false),
  ],
  totalsLabel: '合计',
  summedColumns: ['sessions', 'offlineAttendance', 'onlineAttendance', 'scientists', 'mediaReports'],
  paddingRows: 20,
};

export type CellInput = RawCell['value'] | { value: RawCell['value']; hyperlink?: string; numFmt?: string };
export type RowInput = Record<string, CellInput>;

export interface FormInput {
  header: Record<string, CellInput>;
  rows: RowInput[];
  totals?: RowInput;
  /** Column keys the sheet lacks. */
  missing?: string[];
}

export const FIRST_ROW = 7;

export function letterOf(def: FormDefinition, key: string, missing: readonly string[] = []): string {
  const present = def.columns.filter((c) => !missing.includes(c.key));
  const i = present.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key}`);
  return String.fromCharCode(65 + i);
}

function rawCell(ref: string, input: CellInput): RawCell {
  if (input !== null && typeof input === 'object' && !(input instanceof Date)) {
    return { ref, value: input.value, numFmt: input.numFmt ?? null, hyperlink: input.hyperlink ?? null };
  }
  return { ref, value: input, numFmt: null, hyperlink: null };
}

function rawRow(def: FormDefinition, rowNumber: number, input: RowInput, missing: readonly string[]): RawRow {
  const cells: RawRow['cells'] = {};
  for (const [key, value] of Object.entries(input)) {
    if (missing.includes(key)) continue;
    const ref = `${letterOf(def, key, missing)}${rowNumber}`;
    cells[key] = rawCell(ref, value);
  }
  return { rowNumber, cells };
}

export function buildRead(def: FormDefinition, input: FormInput): ReadForm {
  const missing = input.missing ?? [];
  const headerFields: ReadForm['headerFields'] = {};
  def.headerFields.forEach((f, i) => {
    const value = input.header[f.key];
    if (value !== undefined) headerFields[f.key] = rawCell(`B${2 + i}`, value);
  });
  const columns: ReadForm['columns'] = {};
  for (const c of def.columns) {
    if (!missing.includes(c.key)) columns[c.key] = { letter: letterOf(def, c.key, missing), headerText: c.label };
  }
  const rows = input.rows.map((r, i) => rawRow(def, FIRST_ROW + i, r, missing));
  const totalsRow = input.totals ? rawRow(def, FIRST_ROW + rows.length, input.totals, missing) : null;
  return { formId: def.id, sheet: def.sheetName, headerRowNumber: 6, headerFields, columns, missingColumns: missing, rows, totalsRow, fingerprint: null };
}

export const recommendationHeader = { unit: '科学技术研究院', contact: '张老师', phone: '010-61234567', email: 'office@example.com' };
export const reportHeader = { unit: '科学技术研究院', contact: '张老师', phone: '13800000000' };

export function recommendationRow(overrides: RowInput = {}): RowInput {
  return {
    seq: 1,
    name: '走进国家重点实验室开放日',
    category: '成果科普',
    activityForm: '线下',
    startDate: '2025-05-20',
    endDate: '2025-05-22',
    place: '思源楼',
    audience: '中小学生',
    expectedParticipants: 200,
    leader: '李老师',
    leaderPhone: '13900000000',
    summary: '开放实验室，面向公众展示科研成果。',
    remarks: null,
    ...overrides,
  };
}

export function reportRow(overrides: RowInput = {}): RowInput {
  return {
    seq: 1,
    name: '走进国家重点实验室开放日',
    category: '成果科普',
    activityForm: '线上线下',
    startDate: '2025-05-20',
    endDate: '2025-05-22',
    place: '思源楼',
    sessions: 3,
    offlineAttendance: 300,
    onlineAttendance: 1200,
    scientists: 25,
    mediaReports: 2,
    reportLinks: 'https://news.example.com/a1\nhttps://news.example.com/a2',
    remarks: null,
    ...overrides,
  };
}
