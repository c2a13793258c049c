/**
 * Writes the held-out set of realistic submissions under test/fixtures/forms/realistic/ (checked in;
 * LibreOffice needed for the .ods, .csv and the re-saved .xlsx):
 *   npx tsx scripts/make-realistic-submissions.ts
 * Each file is drawn in a unit's own layout (scripts/realistic/), not from the template or the
 * layout fixtures, with the errors a unit makes seeded at known cells. manifest.json says what a
 * coordinator decides for each file; it was written before the reader learned these layouts, and
 * test/forms/realistic/realistic.test.ts judges the worker against it through `check`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mails } from './realistic/mails.js';
import { economics, electrical, library, marxism, sports, toWorkbook, transport, type Drawn } from './realistic/workbooks.js';

const OUT = path.resolve('test/fixtures/forms/realistic');

export interface RealisticVerdict {
  deliverable: 'recommendation' | 'report';
  status: 'accepted' | 'accepted_with_warnings' | 'needs_correction' | 'incomplete';
  activities: number;
  /** Cells of every error the unit must be told about (a file-level error has none: see `fileError`). */
  errorCells: string[];
  warningCells: string[];
  /** For an error not about a cell: words its message must carry (what was received, what to send). */
  fileError?: string[];
}
export interface RealisticCase {
  file: string;
  story: string;
  kind: 'submission' | 'machine';
  unit: string | null;
  reply: 'acknowledgement' | 'correction_request' | 'none';
  deliverables: RealisticVerdict[];
}

const v = (deliverable: RealisticVerdict['deliverable'], status: RealisticVerdict['status'], activities: number, errorCells: string[] = [], warningCells: string[] = [], fileError?: string[]): RealisticVerdict =>
  ({ deliverable, status, activities, errorCells, warningCells, ...(fileError ? { fileError } : {}) });

const cases: RealisticCase[] = [
  { file: electrical.name, story: '电气学院 draws a two-row header (活动时间, 活动负责人 over 姓名/手机), types a made-up category and April dates', kind: 'submission', unit: '电气工程学院', reply: 'correction_request',
    deliverables: [v('recommendation', 'needs_correction', 3, ['C9', 'E9', 'F9'])] },
  { file: transport.name, story: '交运学院 retypes last year\'s 统计表: 填报人, a grouped landline, section rows, 数量/链接 under 媒体报道, links missing for 3 reports, an online activity with 0 online attendance', kind: 'submission', unit: '交通运输学院', reply: 'correction_request',
    deliverables: [v('report', 'needs_correction', 3, ['M7'], ['J9'])] },
  { file: '马克思主义学院统计表.csv', story: '马院 sends its 统计表 as a .csv saved in GBK, label/value header block', kind: 'submission', unit: '马克思主义学院', reply: 'correction_request',
    // Only the table: the report still lacks the summary and the photos.
    deliverables: [v('report', 'incomplete', 2)] },
  { file: library.name, story: '图书馆 puts the header block in a small table, marks columns （必填）, writes 5月12日 and a range 5月20日-22日, grouped phones, a footnote and signature line', kind: 'submission', unit: '图书馆', reply: 'acknowledgement',
    deliverables: [v('recommendation', 'accepted', 3)] },
  { file: '经管学院推荐表.ods', story: '经管学院 keeps its correct 推荐表 in LibreOffice\'s own .ods format', kind: 'submission', unit: '经济管理学院', reply: 'correction_request',
    deliverables: [v('recommendation', 'needs_correction', 0, [], [], ['.ods', '.xlsx'])] },
  { file: sports.name, story: '体育部 returns the form with the header block filled, a section row and numbered but empty rows', kind: 'submission', unit: '体育部', reply: 'correction_request',
    deliverables: [v('recommendation', 'needs_correction', 0, [], [], ['没有填写任何活动'])] },
  { file: '语传学院-推荐表照片.eml', story: '语传学院 sends a phone photo of the stamped 推荐表, nothing else', kind: 'submission', unit: '语言与传播学院', reply: 'correction_request',
    deliverables: [v('recommendation', 'needs_correction', 0, [], [], ['推荐表.jpg', '.xlsx'])] },
  { file: '软件学院-表格贴在正文.eml', story: '软件学院 pastes the table into the mail body, no attachment', kind: 'submission', unit: '软件学院', reply: 'correction_request',
    deliverables: [v('recommendation', 'needs_correction', 0, [], [], ['.xlsx'])] },
  { file: '环境学院-统计表rar.eml', story: '环境学院 packs the 统计表 and materials in a .rar', kind: 'submission', unit: '环境学院', reply: 'correction_request',
    deliverables: [v('report', 'needs_correction', 0, [], [], ['.rar', '.zip'])] },
  { file: '自智学院-统计表7z.eml', story: '自智学院 sends the 统计表 in a .7z', kind: 'submission', unit: '自动化与智能学院', reply: 'correction_request',
    deliverables: [v('report', 'needs_correction', 0, [], [], ['.7z', '.zip'])] },
  { file: '已读回执.eml', story: 'a unit\'s client sends a read receipt (RFC 8098) for the notice', kind: 'machine', unit: null, reply: 'none', deliverables: [] },
  { file: '投递延迟通知.eml', story: 'Exchange reports a delayed delivery (RFC 3464 Action: delayed)', kind: 'machine', unit: null, reply: 'none', deliverables: [] },
  { file: 'Outlook撤回.eml', story: 'a unit recalls its mail from Outlook (撤回: …)', kind: 'machine', unit: null, reply: 'none', deliverables: [] },
];

function libreOffice(input: string, to: string, work: string): Buffer {
  const outDir = path.join(work, to.replace(/[^a-z0-9]/gi, '_'));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', to, '--outdir', outDir, input], { stdio: 'ignore', timeout: 180_000 });
  const [made] = fs.readdirSync(outDir);
  return fs.readFileSync(path.join(outDir, made!));
}

async function drawnFile(drawn: Drawn, work: string): Promise<string> {
  const file = path.join(work, `${drawn.name.replace(/\.xlsx$/, '')}-src.xlsx`);
  fs.writeFileSync(file, Buffer.from(await toWorkbook(drawn).xlsx.writeBuffer()));
  return file;
}

fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT)) fs.rmSync(path.join(OUT, f));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'realistic-'));
try {
  // Saved by Excel (exceljs writes what Excel writes) and by LibreOffice / WPS-like programs.
  for (const drawn of [transport, sports]) fs.copyFileSync(await drawnFile(drawn, work), path.join(OUT, drawn.name));
  for (const drawn of [electrical, library]) fs.writeFileSync(path.join(OUT, drawn.name), libreOffice(await drawnFile(drawn, work), 'xlsx:Calc MS Excel 2007 XML', work));
  fs.writeFileSync(path.join(OUT, '马克思主义学院统计表.csv'), libreOffice(await drawnFile(marxism, work), 'csv:Text - txt - csv (StarCalc):44,34,85', work));
  fs.writeFileSync(path.join(OUT, '经管学院推荐表.ods'), libreOffice(await drawnFile(economics, work), 'ods', work));
  for (const m of mails) fs.writeFileSync(path.join(OUT, m.name), m.text);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
const missing = cases.filter((c) => !fs.existsSync(path.join(OUT, c.file)));
if (missing.length > 0) throw new Error(`no file for ${missing.map((c) => c.file).join(', ')}`);
fs.writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(cases, null, 2)}\n`);
console.log(`${cases.length} realistic submissions written to ${OUT}`);
