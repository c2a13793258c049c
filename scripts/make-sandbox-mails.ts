/**
 * Writes the sandbox's unit mails under test/fixtures/sandbox/ (checked in; run this to remake them):
 *   npx tsx scripts/make-sandbox-mails.ts
 * A season of the 2025 call as units of the shipped config/units.yaml send it, in Chinese, with
 * real forms filled into the generated templates: a good recommendation, one with mistakes and its
 * correction, both forms at once, a legacy .xls, a report sent in two mails, a zipped report, a
 * mail nobody can place, a late one. People are invented; every address is @example.edu.cn, so the
 * sandbox must allow that domain (allowedSenderDomains) for replies to be planned.
 *
 * The output is byte-for-byte deterministic: fixed dates, Message-IDs and MIME boundaries, fixed
 * zip timestamps inside the .xlsx/.docx/.zip files, images from a seeded generator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { PNG } from 'pngjs';
import type { Campaign } from '../src/domain/campaign/campaign-schema.js';
import { loadCampaignConfig } from '../src/config/load-config.js';
import { loadFormDefinitions } from '../src/config/form-definitions.js';
import type { FormDefinition } from '../src/domain/forms/types.js';
import { buildFilledWorkbook } from '../test/domain/forms/fixture-builder.js';
import { writeZip } from '../test/domain/forms/zip-writer.js';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SANDBOX_DIR = path.join(ROOT, 'test/fixtures/sandbox');
const MAILBOX = '科研院科技活动周工作组 <mywu@bjtu.edu.cn>';
/** Every file inside the generated archives carries this time, so the bytes never change. */
const FIXED_TIME = new Date('2025-05-01T08:00:00Z');

// ── files a unit attaches ────────────────────────────────────────────────────────────────────

/** DOS date/time (APPNOTE.TXT §4.4.6) of FIXED_TIME, local fields taken as written. */
function dosTime(d: Date): { time: number; date: number } {
  return { time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1), date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate() };
}

/** Sets every entry's modification time (local header and central directory) to FIXED_TIME. */
export function pinZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('pinZipTimes: not a zip');
  const { time, date } = dosTime(FIXED_TIME);
  let at = out.readUInt32LE(eocd + 16);
  for (let n = out.readUInt16LE(eocd + 10); n > 0; n--) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('pinZipTimes: bad central directory');
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

export interface FormFill {
  def: FormDefinition;
  header: Record<string, unknown>;
  rows: Record<string, unknown>[];
}

/** The template filled as a unit fills it, as .xlsx bytes; several fills make one workbook. */
export async function formWorkbook(campaign: Campaign, ...fills: FormFill[]): Promise<Buffer> {
  const [first, ...more] = fills;
  if (!first) throw new Error('formWorkbook: nothing to fill');
  const { workbook } = buildFilledWorkbook(first.def, campaign, { header: first.header, rows: first.rows });
  for (const f of more) buildFilledWorkbook(f.def, campaign, { header: f.header, rows: f.rows, into: workbook });
  workbook.created = FIXED_TIME;
  workbook.modified = FIXED_TIME;
  return pinZipTimes(Buffer.from(await workbook.xlsx.writeBuffer()));
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal but valid Word document (ECMA-376 Part 1 §11.3): one paragraph per line. */
export function summaryDocx(title: string, paragraphs: readonly string[]): Buffer {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const para = (t: string, bold = false) => `<w:p><w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlText(t)}</w:t></w:r></w:p>`;
  const body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${w}"><w:body>${para(title, true)}${paragraphs.map((p) => para(p)).join('')}</w:body></w:document>`;
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
    { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
    { name: 'word/document.xml', data: Buffer.from(body) },
  ]);
}

/**
 * A photo-sized PNG (a sky-to-ground gradient with sensor noise) from a seed. Noise keeps it above
 * the 16 KB under which the worker takes an image for a signature logo (MIN_PHOTO_BYTES).
 */
export function eventPhoto(seed: number, width = 160, height = 120): Buffer {
  const png = new PNG({ width, height });
  let s = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
      const noise = (s >>> 24) % 48;
      const sky = y < height / 2;
      png.data[i] = (sky ? 90 : 120) + noise;
      png.data[i + 1] = (sky ? 140 : 100) + noise;
      png.data[i + 2] = (sky ? 200 : 70) + noise;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A zip as Chinese Windows' "发送到 → 压缩文件夹" writes it: GBK names without the UTF-8 flag. */
export function windowsZip(entries: readonly { name: string; data: Buffer }[]): Buffer {
  return writeZip(entries.map((e) => ({ name: iconv.encode(e.name, 'gbk'), data: e.data, utf8: false })));
}

// ── the mail itself ──────────────────────────────────────────────────────────────────────────

export interface UnitMailSpec {
  /** `<local@domain>`; also seeds the MIME boundary. */
  messageId: string;
  from: string;
  subject: string;
  /** When the unit's client sent it, `2025-05-06T16:20:00+08:00`; the relays add a minute or so. */
  sentAt: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
  inReplyTo?: string;
  mailer?: string;
}

/** RFC 5322 date-time in +0800, as Chinese servers write it. */
function rfc5322(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][local.getUTCMonth()];
  return `${day}, ${p(local.getUTCDate())} ${month} ${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} +0800`;
}

/**
 * One unit's mail as it sits in the mailbox: the client's headers plus the two Received lines the
 * campus relays add (RFC 5321 §4.4), the newest first; the worker dates the mail by the newest.
 */
export async function composeUnitMail(spec: UnitMailSpec): Promise<Buffer> {
  const sent = new Date(spec.sentAt);
  const relayed = new Date(sent.getTime() + 4_000);
  const delivered = new Date(sent.getTime() + 63_000);
  const host = spec.from.replace(/.*@|>.*/g, '');
  const composer = new MailComposer({
    from: spec.from,
    to: MAILBOX,
    subject: spec.subject,
    messageId: spec.messageId,
    baseBoundary: spec.messageId.replace(/[^a-z0-9]/gi, '').slice(0, 24),
    text: spec.text,
    ...(spec.inReplyTo ? { inReplyTo: spec.inReplyTo, references: [spec.inReplyTo] } : {}),
    headers: {
      Received: [
        `from mail.${host} (unknown [192.0.2.25]) by mx.bjtu.edu.cn (Coremail) with SMTP id AQAAfwBnrEQ; ${rfc5322(delivered)}`,
        `from PC-${spec.from.replace(/.*<|@.*/g, '').replace(/\W/g, '').toUpperCase()} (unknown [198.51.100.14]) by mail.${host} with ESMTPA; ${rfc5322(relayed)}`,
      ],
      // nodemailer would write the Date in +0000; units' clients write local time.
      Date: rfc5322(sent),
      'X-Mailer': spec.mailer ?? 'Foxmail 7.2.25.228[cn]',
    },
    attachments: (spec.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, ...(a.contentType ? { contentType: a.contentType } : {}) })),
  });
  return composer.compile().build();
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ── the season ───────────────────────────────────────────────────────────────────────────────

export interface SandboxMail {
  file: string;
  raw: Buffer;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const FORMS_DIR = path.join(ROOT, 'test/fixtures/forms');

/** 计算机学院's three activities: the good recommendation every other mail is compared with. */
export const CS_ROWS = [
  { name: '人工智能科普讲座进校园', category: '成果科普', activityForm: '线下', startDate: day('2025-05-20'), endDate: day('2025-05-20'), place: '思源楼报告厅', audience: '附属中学学生', expectedParticipants: 200, leader: '张伟', leaderPhone: '13800138001', summary: '邀请学院人工智能方向教师讲解大模型的基本原理与日常应用，设置现场问答与体验环节。' },
  { name: '科学家精神主题展', category: '科学家精神', activityForm: '线上线下', startDate: day('2025-05-24'), endDate: day('2025-05-31'), place: '图书馆一层展厅；学院公众号', audience: '全校师生', expectedParticipants: 1500, leader: '王芳', leaderPhone: '010-51688001', summary: '展出我院老一辈科学家的科研手稿与事迹，同步推出线上展厅。', remarks: '与图书馆合办' },
  { name: '开源软件社区开放日', category: '群众实践', activityForm: '线下', startDate: day('2025-05-30'), endDate: day('2025-05-30'), place: '计算机楼实验中心', audience: '社会公众', expectedParticipants: 120, leader: '刘洋', leaderPhone: '13911110001', summary: '开放学院开源实验室，学生志愿者带领参观并演示开源项目。' },
];

/** 电气学院's form as first sent: a date typed as 5.20, an estimate 约200, a phone one digit short. */
const EE_ROWS_CORRECT = [
  { name: '电力科技成果展', category: '成果科普', activityForm: '线下', startDate: day('2025-05-20'), endDate: day('2025-05-22'), place: '电气楼一层大厅', audience: '全校师生', expectedParticipants: 300, leader: '陈静', leaderPhone: '13700137001', summary: '展示学院在新能源并网与智能电网方向的科研成果。' },
  { name: '“电从哪里来”中学生科普课', category: '群众实践', activityForm: '线下', startDate: day('2025-05-27'), endDate: day('2025-05-27'), place: '北京市某中学', audience: '中学生', expectedParticipants: 200, leader: '赵磊', leaderPhone: '010-51687002', summary: '研究生志愿者走进中学讲解电力系统常识并做小实验。' },
  { name: '新能源科普短视频', category: '网络宣传', activityForm: '线上', startDate: day('2025-05-15'), endDate: day('2025-06-05'), place: '学院视频号', audience: '社会公众', expectedParticipants: 5000, leader: '孙悦', leaderPhone: '13800138002', summary: '制作并发布五期新能源科普短视频。' },
];
export const EE_MISTAKES = [
  { row: 0, key: 'startDate', value: '5.20' },
  { row: 1, key: 'expectedParticipants', value: '约200' },
  { row: 2, key: 'leaderPhone', value: '1380013800' },
] as const;
const EE_ROWS_MISTAKES = EE_ROWS_CORRECT.map((r, i) => ({ ...r, ...Object.fromEntries(EE_MISTAKES.filter((m) => m.row === i).map((m) => [m.key, m.value])) }));
const EE_HEADER = { unit: '电气工程学院', contact: '陈静', phone: '010-51687001', email: 'chen.jing@example.edu.cn' };

const TRANSPORT_RECOMMENDATION = [
  { name: '智慧交通实验室开放日', category: '成果科普', activityForm: '线下', startDate: day('2025-05-24'), endDate: day('2025-05-24'), place: '交通运输学院实验楼', audience: '中小学生及家长', expectedParticipants: 150, leader: '马骏', leaderPhone: '13600136001', summary: '开放轨道交通仿真与智慧交通实验室，设置驾驶模拟体验。' },
  { name: '五一出行安全科普', category: '群众实践', activityForm: '线上线下', startDate: day('2025-05-01'), endDate: day('2025-05-05'), place: '学院公众号；海淀区社区', audience: '社区居民', expectedParticipants: 800, leader: '高岩', leaderPhone: '010-51684001', summary: '假期出行高峰期间发布出行安全提示，并进社区讲解。' },
];
const TRANSPORT_REPORT = [
  { name: '五一出行安全科普', category: '群众实践', activityForm: '线上线下', startDate: day('2025-05-01'), endDate: day('2025-05-05'), place: '学院公众号；海淀区社区', sessions: 3, offlineAttendance: 260, onlineAttendance: 4100, scientists: 9, mediaReports: 1, reportLinks: 'https://news.example.edu.cn/2025/0506-jy.html' },
];

const CIVIL_REPORT = [
  { name: '桥梁模型设计大赛', category: '群众实践', activityForm: '线下', startDate: day('2025-05-10'), endDate: day('2025-05-11'), place: '土建楼', sessions: 2, offlineAttendance: 320, onlineAttendance: 0, scientists: 12, mediaReports: 1, reportLinks: 'https://news.example.edu.cn/2025/0512.html' },
  { name: '绿色建筑科普讲座', category: '成果科普', activityForm: '线上线下', startDate: day('2025-05-26'), endDate: day('2025-05-26'), place: '逸夫楼；腾讯会议', sessions: 1, offlineAttendance: 150, onlineAttendance: 600, scientists: 5, mediaReports: 2, reportLinks: 'https://news.example.edu.cn/2025/0527.html\nhttps://mp.example.com/s/tj0527' },
  { name: '科技工作者日座谈会', category: '政策宣传', activityForm: '线下', startDate: day('2025-05-30'), endDate: day('2025-05-30'), place: '学院会议室', sessions: 1, offlineAttendance: 40, onlineAttendance: 0, scientists: 35, mediaReports: 0 },
];

const EIE_REPORT = [
  { name: '5G与生活科普讲座', category: '成果科普', activityForm: '线下', startDate: day('2025-05-21'), endDate: day('2025-05-21'), place: '电信楼报告厅', sessions: 1, offlineAttendance: 180, onlineAttendance: 0, scientists: 6, mediaReports: 1, reportLinks: 'https://news.example.edu.cn/2025/0522-dx.html' },
  { name: '无线电测向科普体验', category: '群众实践', activityForm: '线下', startDate: day('2025-05-25'), endDate: day('2025-05-25'), place: '东校区操场', sessions: 2, offlineAttendance: 95, onlineAttendance: 0, scientists: 8, mediaReports: 0 },
  { name: '通信科技直播课', category: '网络宣传', activityForm: '线上', startDate: day('2025-05-29'), endDate: day('2025-05-29'), place: 'B站直播间', sessions: 1, offlineAttendance: 0, onlineAttendance: 2300, scientists: 3, mediaReports: 0 },
];

const MARXISM_ROWS = [
  { name: '“科技强国”主题理论宣讲', category: '政策宣传', activityForm: '线下', startDate: day('2025-05-28'), endDate: day('2025-05-28'), place: '马克思主义学院报告厅', audience: '本科生', expectedParticipants: 250, leader: '李红', leaderPhone: '13500135001', summary: '围绕党中央关于科技创新的决策部署开展专题宣讲。' },
  { name: '科学家故事思政课', category: '科学家精神', activityForm: '线上线下', startDate: day('2025-05-22'), endDate: day('2025-06-05'), place: '思政课堂；学习通', audience: '全校学生', expectedParticipants: 2000, leader: '吴桐', leaderPhone: '010-51683001', summary: '在思政课中讲述科学家故事，线上同步推送学习资料。' },
];

const sign = (name: string, unit: string, phone: string) => `\n\n${name}\n${unit}\n电话：${phone}`;

/** The season's mails, in the order the sandbox delivers them (by file name). */
export async function seasonMails(ctx: { campaign: Campaign; defs: Record<'recommendation' | 'report', FormDefinition> }): Promise<SandboxMail[]> {
  const { campaign, defs } = ctx;
  const rec = (header: Record<string, unknown>, rows: Record<string, unknown>[]) => formWorkbook(campaign, { def: defs.recommendation, header, rows });
  const rep = (header: Record<string, unknown>, rows: Record<string, unknown>[]) => formWorkbook(campaign, { def: defs.report, header, rows });
  const xlsx = (filename: string, content: Buffer) => ({ filename, content, contentType: XLSX });
  const mails: { file: string; spec: UnitMailSpec }[] = [];
  const add = (file: string, spec: UnitMailSpec) => mails.push({ file, spec });

  add('01-recommendation-valid.eml', {
    messageId: '<sbx01-cs-rec@example.edu.cn>', from: '张敏 <zhang.min@example.edu.cn>', sentAt: '2025-04-28T10:12:00+08:00',
    subject: '计算机学院 2025年科技活动周特色活动推荐表',
    text: `吴老师好：\n\n附件是计算机科学与技术学院2025年全国科技活动周特色群众性主题实践活动推荐表，共3项活动，请查收。${sign('张敏', '计算机科学与技术学院 科研办', '010-51680001')}`,
    attachments: [xlsx('附件1-特色群众性主题实践活动推荐表（计算机学院）.xlsx', await rec({ unit: '计算机科学与技术学院', contact: '张敏', phone: '010-51680001', email: 'zhang.min@example.edu.cn' }, CS_ROWS))],
  });
  add('02-recommendation-mistakes.eml', {
    messageId: '<sbx02-ee-rec@example.edu.cn>', from: '陈静 <chen.jing@example.edu.cn>', sentAt: '2025-04-30T16:45:00+08:00',
    subject: '电气学院科技活动周推荐表', mailer: 'Coremail Webmail Server Version XT5.0.13',
    text: `您好，电气工程学院推荐表见附件。${sign('陈静', '电气工程学院', '010-51687001')}`,
    attachments: [xlsx('电气学院推荐表.xlsx', await rec(EE_HEADER, EE_ROWS_MISTAKES))],
  });
  add('03-recommendation-corrected.eml', {
    messageId: '<sbx03-ee-rec-v2@example.edu.cn>', from: '陈静 <chen.jing@example.edu.cn>', sentAt: '2025-05-05T09:20:00+08:00',
    subject: '回复：电气学院科技活动周推荐表（已修改）', mailer: 'Coremail Webmail Server Version XT5.0.13', inReplyTo: '<sbx02-ee-rec@example.edu.cn>',
    text: `您好，已按修改通知改正日期、人数和电话，请再查收。${sign('陈静', '电气工程学院', '010-51687001')}`,
    attachments: [xlsx('电气学院推荐表（修改后）.xlsx', await rec(EE_HEADER, EE_ROWS_CORRECT))],
  });
  const jtHeader = { unit: '交通运输学院', contact: '高岩', phone: '010-51684001' };
  add('04-both-forms.eml', {
    messageId: '<sbx04-jt-both@example.edu.cn>', from: '高岩 <gao.yan@example.edu.cn>', sentAt: '2025-05-06T17:40:00+08:00',
    subject: '交通运输学院科技活动周推荐表及统计表',
    text: `吴老师：\n\n附件1为我院推荐表；五一期间的出行安全科普已经开展，附件2统计表一并报送，总结和照片稍后补交。${sign('高岩', '交通运输学院', '010-51684001')}`,
    attachments: [
      xlsx('附件1-推荐表-交通运输学院.xlsx', await rec({ ...jtHeader, email: 'gao.yan@example.edu.cn' }, TRANSPORT_RECOMMENDATION)),
      xlsx('附件2-统计表-交通运输学院.xlsx', await rep(jtHeader, TRANSPORT_REPORT)),
    ],
  });
  add('05-legacy-xls.eml', {
    messageId: '<sbx05-jg-xls@example.edu.cn>', from: '刘畅 <liu.chang@example.edu.cn>', sentAt: '2025-05-04T11:05:00+08:00',
    subject: '经管学院 科技活动周推荐表', mailer: 'Microsoft Outlook 16.0',
    text: `老师好，经管学院的推荐表在附件，谢谢！${sign('刘畅', '经济管理学院', '13511112222')}`,
    attachments: [{ filename: '附件1-推荐表（经管学院）.xls', content: fs.readFileSync(path.join(FORMS_DIR, 'bad-legacy.xls')), contentType: 'application/vnd.ms-excel' }],
  });
  add('06-unknown-sender.eml', {
    messageId: '<sbx06-unknown@example.edu.cn>', from: '周琳 <zhou.lin@example.edu.cn>', sentAt: '2025-05-05T14:30:00+08:00',
    subject: '科技活动周活动推荐表',
    text: '老师好，附件是我们的推荐表，请查收。\n\n周琳',
    attachments: [xlsx('推荐表.xlsx', await rec({ unit: '', contact: '周琳', phone: '13912345678' }, [CS_ROWS[2]!]))],
  });
  add('07-recommendation-late.eml', {
    messageId: '<sbx07-marx-late@example.edu.cn>', from: '李红 <li.hong@example.edu.cn>', sentAt: '2025-05-08T09:30:00+08:00',
    subject: '马克思主义学院推荐表（补报）',
    text: `吴老师您好，因学院活动安排调整，推荐表晚交了两天，非常抱歉，请查收。${sign('李红', '马克思主义学院', '010-51683001')}`,
    attachments: [xlsx('附件1-推荐表-马克思主义学院.xlsx', await rec({ unit: '马克思主义学院', contact: '李红', phone: '010-51683001', email: 'li.hong@example.edu.cn' }, MARXISM_ROWS))],
  });
  add('08-report-table-only.eml', {
    messageId: '<sbx08-tj-report@example.edu.cn>', from: '陈晨 <chen.chen@example.edu.cn>', sentAt: '2025-06-09T15:10:00+08:00',
    subject: '土建学院科技活动周活动开展情况统计表',
    text: `老师好，土木建筑工程学院统计表见附件，总结材料和照片还在整理，稍后发送。${sign('陈晨', '土木建筑工程学院', '13600002222')}`,
    attachments: [xlsx('附件2-活动开展情况统计表（土建学院）.xlsx', await rep({ unit: '土木建筑工程学院', contact: '陈晨', phone: '13600002222' }, CIVIL_REPORT))],
  });
  add('09-report-summary-photos.eml', {
    messageId: '<sbx09-tj-parts@example.edu.cn>', from: '陈晨 <chen.chen@example.edu.cn>', sentAt: '2025-06-11T10:05:00+08:00',
    subject: '回复：土建学院科技活动周活动开展情况统计表——补交总结材料和照片', inReplyTo: '<sbx08-tj-report@example.edu.cn>',
    text: `老师好，补交我院活动总结和现场照片。${sign('陈晨', '土木建筑工程学院', '13600002222')}`,
    attachments: [
      { filename: '土建学院2025年科技活动周活动总结.docx', content: summaryDocx('土木建筑工程学院2025年科技活动周活动总结', ['科技活动周期间，我院共开展活动3项，参与师生与公众1100余人次。', '桥梁模型设计大赛吸引了32支队伍参赛。']), contentType: DOCX },
      { filename: '桥梁模型大赛现场1.png', content: eventPhoto(801), contentType: 'image/png' },
      { filename: '桥梁模型大赛现场2.png', content: eventPhoto(802), contentType: 'image/png' },
    ],
  });
  add('10-report-zip.eml', {
    messageId: '<sbx10-eie-zip@example.edu.cn>', from: '孙浩 <sun.hao@example.edu.cn>', sentAt: '2025-06-12T20:45:00+08:00',
    subject: '电信学院科技活动周活动材料', mailer: 'Microsoft Outlook 16.0',
    text: `吴老师好，电子信息工程学院的统计表、总结和照片已打包在附件中。${sign('孙浩', '电子信息工程学院', '13700001111')}`,
    attachments: [{
      filename: '电信学院科技活动周活动材料.zip', contentType: 'application/x-zip-compressed',
      content: windowsZip([
        { name: '附件2-活动开展情况统计表（电信学院）.xlsx', data: await rep({ unit: '电子信息工程学院', contact: '孙浩', phone: '13700001111' }, EIE_REPORT) },
        { name: '活动总结.docx', data: summaryDocx('电子信息工程学院科技活动周活动总结', ['我院围绕通信科技普及开展活动3项。']) },
        { name: '影像资料/讲座现场1.png', data: eventPhoto(1001) },
        { name: '影像资料/测向体验2.png', data: eventPhoto(1002) },
        { name: '媒体报道/新闻网报道截图.png', data: eventPhoto(1003) },
      ]),
    }],
  });
  return Promise.all(mails.map(async (m) => ({ file: m.file, raw: await composeUnitMail(m.spec) })));
}

export async function buildSandboxMails(configDir = path.join(ROOT, 'config')): Promise<SandboxMail[]> {
  const { campaign } = loadCampaignConfig(configDir);
  return seasonMails({ campaign, defs: loadFormDefinitions(configDir, campaign) });
}

async function main(): Promise<void> {
  fs.mkdirSync(SANDBOX_DIR, { recursive: true });
  for (const f of fs.readdirSync(SANDBOX_DIR)) if (f.endsWith('.eml')) fs.rmSync(path.join(SANDBOX_DIR, f));
  const mails = await buildSandboxMails();
  for (const m of mails) fs.writeFileSync(path.join(SANDBOX_DIR, m.file), m.raw);
  console.log(`${mails.length} sandbox mails written to ${path.relative(ROOT, SANDBOX_DIR)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
