/**
 * Writes the form fixtures under test/fixtures/forms/ (checked in; run this to remake them):
 *   npx tsx scripts/make-form-fixtures.ts
 * Good forms as a unit returns them (filled templates, both forms in one file, every date and phone
 * spelling, an old altered template, merged/rich/hyperlink/formula cells), LibreOffice round trips
 * of them (another producer's xlsx), and the bad files units really send.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { loadCampaignConfig } from '../src/config/load-config.js';
import { loadFormDefinitions } from '../src/config/form-definitions.js';
import { buildFilledForm, buildFilledWorkbook } from '../test/domain/forms/fixture-builder.js';
import { writeCfb, writeZip } from '../test/domain/forms/zip-writer.js';

const OUT = path.resolve('test/fixtures/forms');
const { campaign } = loadCampaignConfig('config');
const defs = loadFormDefinitions('config', campaign);
const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export const RECOMMENDATION_HEADER = { unit: '计算机科学与技术学院', contact: '王老师', phone: '010-51680001', email: 'kx@example.edu.cn' };
export const RECOMMENDATION_ROWS = [
  { name: '人工智能进校园科普讲座', category: '成果科普', activityForm: '线下', startDate: d('2025-05-20'), endDate: d('2025-05-20'), place: '思源楼报告厅', audience: '本科生', expectedParticipants: 200, leader: '李明', leaderPhone: '13800138000', summary: '邀请人工智能领域专家介绍大模型原理与应用，现场互动答疑。' },
  { name: '科学家精神主题展', category: '科学家精神', activityForm: '线上线下', startDate: d('2025-05-24'), endDate: d('2025-05-31'), place: '图书馆一层展厅；学校官网', audience: '全校师生', expectedParticipants: 1500, leader: '赵华', leaderPhone: '010-51680002', summary: '展示老一辈科学家事迹，同步推出线上展厅。', remarks: '与图书馆合办' },
  { name: '实验室开放日', category: '成果科普', activityForm: '线下', startDate: d('2025-05-30'), endDate: d('2025-05-30'), place: '机房楼', audience: '中学生', expectedParticipants: 80, leader: '孙强', leaderPhone: '13911112222', summary: '开放高性能计算实验室，演示超算与可视化。' },
  { name: '网络安全知识直播', category: '网络宣传', activityForm: '线上', startDate: d('2025-06-03'), endDate: d('2025-06-03'), place: 'B站直播间', audience: '社会公众', expectedParticipants: 3000, leader: '周敏', leaderPhone: '13700001111', summary: '直播讲解反诈与个人信息保护常识。' },
];
export const REPORT_HEADER = { unit: '土木建筑工程学院', contact: '陈老师', phone: '13600002222' };
export const REPORT_ROWS = [
  { name: '桥梁模型设计大赛', category: '群众实践', activityForm: '线下', startDate: d('2025-05-10'), endDate: d('2025-05-11'), place: '土建楼', sessions: 2, offlineAttendance: 320, onlineAttendance: 0, scientists: 12, mediaReports: 1, reportLinks: 'https://news.example.edu.cn/2025/0512.html' },
  { name: '绿色建筑科普讲座', category: '成果科普', activityForm: '线上线下', startDate: d('2025-05-26'), endDate: d('2025-05-26'), place: '逸夫楼；腾讯会议', sessions: 1, offlineAttendance: 150, onlineAttendance: 600, scientists: 5, mediaReports: 2, reportLinks: 'https://news.example.edu.cn/2025/0527.html\nhttps://mp.example.com/s/abc123' },
  { name: '科技工作者日座谈会', category: '政策宣传', activityForm: '线下', startDate: d('2025-05-30'), endDate: d('2025-05-30'), place: '学院会议室', sessions: 1, offlineAttendance: 40, onlineAttendance: 0, scientists: 35, mediaReports: 0 },
];

async function write(name: string, bytes: Buffer | Uint8Array): Promise<void> {
  fs.writeFileSync(path.join(OUT, name), bytes);
}

async function goodForms(): Promise<void> {
  await write('recommendation-valid.xlsx', await buildFilledForm(defs.recommendation, campaign, { header: RECOMMENDATION_HEADER, rows: RECOMMENDATION_ROWS }));
  await write('report-valid.xlsx', await buildFilledForm(defs.report, campaign, { header: REPORT_HEADER, rows: REPORT_ROWS }));

  const both = buildFilledWorkbook(defs.recommendation, campaign, { header: RECOMMENDATION_HEADER, rows: RECOMMENDATION_ROWS.slice(0, 2) });
  buildFilledWorkbook(defs.report, campaign, { header: { ...REPORT_HEADER, unit: '计算机科学与技术学院' }, rows: REPORT_ROWS.slice(0, 2), into: both.workbook });
  await write('both-forms.xlsx', Buffer.from(await both.workbook.xlsx.writeBuffer()));

  // Every date spelling of docs/forms.md ("Dates and numbers as units write them"), and phones as units write them.
  const dates = buildFilledWorkbook(defs.recommendation, campaign, {
    header: { ...RECOMMENDATION_HEADER, phone: '010-51680001 13800138000' },
    rows: [
      ['2025-05-20', '2025/5/22', '13800138000'],
      ['2025/5/20', '2025.5.21', '010-51688888'],
      ['2025.5.20', '2025年5月22日', '51688888'],
      ['2025年5月20日', '5月22日', '010-51688888-8001'],
      ['5月20日', '2025-05-21', '0532-12345678'],
      ['5月20日-22日', null, '13800138000 13900139000'],
      [45797, 45799, '13800138000、010-51688888'],
      [d('2025-05-20'), d('2025-05-21'), '13800138000,13900139000'],
      ['2025-05-20', '2025-05-20', '13800138000/13900139000'],
      ['2025-05-20', '2025-05-20', '13800138000;51688888'],
    ].map(([start, end, phone], i) => ({ ...RECOMMENDATION_ROWS[0]!, name: `日期与电话写法${i + 1}`, startDate: start, endDate: end, leaderPhone: phone })),
  });
  // Serial numbers typed as plain numbers: General format, not a date format.
  for (const r of [dates.firstDataRow + 6]) for (const c of ['E', 'F']) dates.sheet.getCell(`${c}${r}`).numFmt = 'General';
  await write('dates-and-phones.xlsx', Buffer.from(await dates.workbook.xlsx.writeBuffer()));

  const special = buildFilledWorkbook(defs.report, campaign, { header: { contact: '陈老师', phone: '13600002222' }, rows: REPORT_ROWS });
  const s = special.sheet;
  const r0 = special.firstDataRow;
  s.getCell('A2').value = '填报单位：土木建筑工程学院';
  s.getCell(`B${r0}`).value = { richText: [{ text: '桥梁模型', font: { bold: true } }, { text: '设计大赛', font: { color: { argb: 'FFFF0000' } } }] };
  s.getCell(`C${r0 + 1}`).value = null;
  s.mergeCells(`C${r0}:C${r0 + 1}`);
  s.getCell(`C${r0}`).value = '群众实践';
  s.getCell(`H${r0}`).value = { formula: '1+1', result: 2 };
  s.getCell(`M${r0}`).value = { text: '新闻网报道', hyperlink: 'https://news.example.edu.cn/2025/0512.html' };
  await write('report-special-cells.xlsx', Buffer.from(await special.workbook.xlsx.writeBuffer()));
}

/** An old year's form, retyped by a unit: no fingerprint, shuffled and renamed columns. */
async function oldTemplate(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('Sheet1');
  s.getCell('A1').value = '附件1';
  s.mergeCells('A2:M2');
  s.getCell('A2').value = '2024年全国科技活动周特色活动推荐表';
  s.mergeCells('A3:M3');
  s.getCell('A3').value = '推荐单位（盖章）：经济管理学院　　联系人：刘老师　　联系电话：13511112222';
  s.getCell('A4').value = '电子邮箱：';
  s.getCell('B4').value = 'jg@example.edu.cn';
  s.getRow(6).values = ['序号', '活动\n名称（必填）', '活动类型*', '开 始 日 期', '结束时间', '举办形式', '活动地点', '预计参与人数（人）', '是否重点活动', '负责人', '联系方式', '活动简介', '备注'];
  s.getRow(7).values = [1, '经济学科普沙龙', '成果科普', '2025-05-21', '2025-05-21', '线下', '经管楼', 60, '是', '吴刚', '13522223333', '面向本科生的行为经济学科普。'];
  s.getRow(8).values = [2, '“数说科技”短视频征集', '网络宣传', '2025/5/10', '2025/6/5', '线上', '学院公众号', 500, '否', '郑洁', '010-51680003', '征集科技主题数据短视频。'];
  s.getRow(9).values = [3];
  s.mergeCells('A10:M10');
  s.getCell('A10').value = '注：活动类型请填写政策宣传、科学家精神、成果科普、群众实践、网络宣传之一。';
  // Styled but empty rows below, as a copied form carries them.
  for (let r = 11; r <= 30; r++) for (let c = 1; c <= 13; c++) s.getCell(r, c).border = { bottom: { style: 'thin' } };
  await write('recommendation-old-template.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
}

function libreOffice(inputs: string[], to: string): Map<string, Buffer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-fixtures-'));
  const out = new Map<string, Buffer>();
  try {
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', to, '--outdir', tmp, ...inputs.map((i) => path.join(OUT, i))], { stdio: 'ignore', timeout: 120_000 });
    for (const i of inputs) out.set(i, fs.readFileSync(path.join(tmp, i.replace(/\.xlsx$/, `.${to.split(':')[0]}`))));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

async function roundTripsAndBadFiles(): Promise<void> {
  for (const [name, bytes] of libreOffice(['recommendation-valid.xlsx', 'report-valid.xlsx', 'report-special-cells.xlsx'], 'xlsx')) await write(`lo-${name}`, bytes);
  const xls = libreOffice(['recommendation-valid.xlsx'], 'xls').get('recommendation-valid.xlsx')!;
  await write('bad-legacy.xls', xls);
  await write('bad-legacy-renamed.xlsx', xls);
  await write('bad-wps.et', xls);
  const pdf = libreOffice(['report-valid.xlsx'], 'pdf').get('report-valid.xlsx')!;
  await write('bad-renamed-pdf.xlsx', pdf);
  // [MS-OFFCRYPTO] agile encryption: version 4.4, then the XML descriptor; the package is opaque.
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]);
  await write('bad-encrypted.xlsx', writeCfb([{ name: 'EncryptionInfo', data: info }, { name: 'EncryptedPackage', data: Buffer.alloc(6000, 0x5a) }]));
  const valid = fs.readFileSync(path.join(OUT, 'report-valid.xlsx'));
  await write('bad-truncated.xlsx', valid.subarray(0, Math.floor(valid.length / 2)));
  await write('bad-empty.xlsx', Buffer.alloc(0));
  const workbookXml = Buffer.from('<workbook/>');
  await write('bad-bomb-declared.xlsx', writeZip([{ name: 'xl/workbook.xml', data: workbookXml }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000, 0x20), declaredSize: 3_500_000_000 }]));
  await write('bad-bomb-ratio.xlsx', writeZip([{ name: 'xl/workbook.xml', data: workbookXml }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60_000_000, 0x20) }]));
  await write('bad-bomb-lying.xlsx', writeZip([{ name: 'xl/workbook.xml', data: workbookXml }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5_000_000, 0x20), declaredSize: 100_000 }]));
  await write('bad-docx-renamed.xlsx', writeZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));
  await write('no-form-header.xlsx', Buffer.from(await noHeaderWorkbook().xlsx.writeBuffer()));
  // A whole report zipped on Chinese Windows: GBK names without the UTF-8 flag, next to a flagged one.
  await write('report-bundle-gbk.zip', writeZip([
    { name: iconv.encode('附件2-统计表.xlsx', 'gbk'), data: valid, utf8: false },
    { name: iconv.encode('活动总结/总结材料.docx', 'gbk'), data: Buffer.from('docx'), utf8: false },
    { name: '影像资料/现场照片.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) },
  ]));
}

function noHeaderWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('活动情况');
  s.getRow(1).values = ['活动', '时间', '地点'];
  s.getRow(2).values = ['讲座', '5月20日', '报告厅'];
  return wb;
}

fs.mkdirSync(OUT, { recursive: true });
await goodForms();
await oldTemplate();
await roundTripsAndBadFiles();
console.log(`fixtures written to ${OUT}: ${fs.readdirSync(OUT).length} files`);
