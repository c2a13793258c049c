/**
 * The spreadsheets the benchmarks read: the checked-in valid fixtures as they are, and 30-row
 * forms filled through the same template builder the fixtures use (the reference ceiling, bench/README.md, measures exceljs on
 * "an 11 KB form, 30 rows × 12 columns, Chinese").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Campaign } from '../src/domain/campaign/campaign-schema.js';
import type { FormDefinition, FormId } from '../src/domain/forms/types.js';
import { buildFilledForm } from '../test/domain/forms/fixture-builder.js';

export const FORM_FIXTURES_DIR = path.resolve('test/fixtures/forms');

/** The fixtures that are good forms as units send them (the rest are the bad files units send). */
export const VALID_FIXTURES = [
  'recommendation-valid.xlsx',
  'report-valid.xlsx',
  'both-forms.xlsx',
  'dates-and-phones.xlsx',
  'report-special-cells.xlsx',
  'lo-recommendation-valid.xlsx',
  'lo-report-valid.xlsx',
  'lo-report-special-cells.xlsx',
];

export interface FormFile {
  name: string;
  bytes: Buffer;
}

export function readValidFixtures(): FormFile[] {
  return VALID_FIXTURES.map((name) => ({ name, bytes: fs.readFileSync(path.join(FORM_FIXTURES_DIR, name)) }));
}

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const CATEGORIES = ['政策宣传', '科学家精神', '成果科普', '群众实践', '网络宣传'];
const FORMS = ['线下', '线上', '线上线下'];

function recommendationRow(i: number): Record<string, unknown> {
  const day = 5 + (i % 25);
  const start = d(`2025-05-${String(day).padStart(2, '0')}`);
  return {
    name: `第${i + 1}期人工智能进校园科普讲座`,
    category: CATEGORIES[i % CATEGORIES.length],
    activityForm: FORMS[i % FORMS.length],
    startDate: start,
    endDate: start,
    place: i % 3 === 1 ? 'B站直播间' : '思源楼报告厅',
    audience: '本科生及周边中学生',
    expectedParticipants: 50 + i * 10,
    leader: '李明',
    leaderPhone: i % 2 === 0 ? '13800138000' : '010-51680002',
    summary: '邀请人工智能领域专家介绍大模型原理与应用，结合实验室开放展示最新科研成果，现场互动答疑。',
    ...(i % 4 === 0 ? { remarks: '与图书馆合办' } : {}),
  };
}

function reportRow(i: number): Record<string, unknown> {
  const day = 5 + (i % 25);
  const start = d(`2025-05-${String(day).padStart(2, '0')}`);
  const form = FORMS[i % FORMS.length]!;
  const media = i % 3;
  return {
    name: `第${i + 1}场绿色建筑科普讲座`,
    category: CATEGORIES[i % CATEGORIES.length],
    activityForm: form,
    startDate: start,
    endDate: start,
    place: form === '线上' ? '腾讯会议' : '逸夫楼报告厅',
    sessions: 1 + (i % 3),
    offlineAttendance: form === '线上' ? 0 : 100 + i,
    onlineAttendance: form === '线下' ? 0 : 300 + i,
    scientists: 5 + (i % 7),
    mediaReports: media,
    ...(media > 0 ? { reportLinks: Array.from({ length: media }, (_, k) => `https://news.example.edu.cn/2025/${i}-${k}.html`).join('\n') } : {}),
  };
}

const HEADERS: Record<FormId, Record<string, unknown>> = {
  recommendation: { unit: '计算机科学与技术学院', contact: '王老师', phone: '010-51680001', email: 'kx@example.edu.cn' },
  report: { unit: '土木建筑工程学院', contact: '陈老师', phone: '13600002222' },
};

/** A valid filled form of `rows` activities, as a unit returns it from the template. */
export async function filledForm(def: FormDefinition, campaign: Campaign, rows: number): Promise<FormFile> {
  const make = def.id === 'recommendation' ? recommendationRow : reportRow;
  const bytes = await buildFilledForm(def, campaign, { header: HEADERS[def.id], rows: Array.from({ length: rows }, (_, i) => make(i)) });
  return { name: `${def.id}-${rows}-rows.xlsx`, bytes };
}
