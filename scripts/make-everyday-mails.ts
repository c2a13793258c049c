/**
 * Everyday office mail and last year's mail for a coordinator's own mailbox, generated on demand
 * (tests call `everydayMails` / `lastYearMails`; nothing large is checked in). To look at them:
 *   npx tsx scripts/make-everyday-mails.ts [outDir]      (default: a new temp dir)
 *
 * Deterministic for a given seed: the same call gives the same bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { AGENDAS, COLLEAGUES, EVERYDAY_KINDS, FRIENDS, JOURNALS, MEETINGS, NEWSLETTERS, OA_NOTICES, PERSONAL, RECEIPT_SUBJECTS, STUDENT_REQUESTS, STUDENTS, fill, type EverydayKind } from './everyday-templates.js';
import { DOCX, XLSX, eventPhoto, pinZipTimes, summaryDocx } from './make-sandbox-mails.js';

export const MAILBOX = '吴梦媛 <mywu@bjtu.edu.cn>';

export interface GeneratedMail {
  file: string;
  kind: EverydayKind | 'last-year-form';
  raw: Buffer;
  /** The INTERNALDATE to APPEND it with: when the mailbox received it. */
  internalDate: Date;
  messageId: string;
}

/** mulberry32: a small seeded generator, so fixtures never change between runs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** A tiny but well-formed PDF (ISO 32000-1 §7.5): one empty page. */
export function tinyPdf(title: string): Buffer {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>', `<< /Title (${title.replace(/[()\\]/g, '')}) >>`];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** An expense or work-log sheet: a plain table, no form header the worker knows. */
async function plainSheet(title: string, rows: (string | number)[][], at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = at;
  wb.modified = at;
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  for (const r of rows) ws.addRow(r);
  return pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

interface Spec {
  from: string;
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

function compose(spec: Spec, messageId: string, at: Date): Promise<Buffer> {
  return new MailComposer({
    from: spec.from,
    to: MAILBOX,
    subject: spec.subject,
    messageId,
    date: at,
    baseBoundary: messageId.replace(/[^a-z0-9]/gi, '').slice(0, 24),
    ...(spec.text ? { text: spec.text } : {}),
    ...(spec.html ? { html: spec.html } : {}),
    headers: spec.headers ?? {},
    attachments: spec.attachments ?? [],
  }).compile().build();
}

/** A read receipt (RFC 8098): multipart/report with a disposition-notification part. */
function readReceipt(reader: { name: string; address: string }, subject: string, original: string, messageId: string, at: Date): Buffer {
  const b = `mdn_${messageId.replace(/[^a-z0-9]/gi, '').slice(0, 16)}`;
  const enc = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
  return Buffer.from([
    `From: ${enc(reader.name)} <${reader.address}>`, `To: ${MAILBOX.replace(/^.*</, '<')}`, `Subject: ${enc(`已读: ${subject}`)}`, `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`, 'MIME-Version: 1.0', `Content-Type: multipart/report; report-type=disposition-notification; boundary="${b}"`, '',
    `--${b}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '',
    Buffer.from(`您的邮件\n  主题: ${subject}\n已被阅读。`).toString('base64'), '',
    `--${b}`, 'Content-Type: message/disposition-notification', '',
    'Reporting-UA: Microsoft Outlook 16.0', `Final-Recipient: rfc822;${reader.address}`, `Original-Message-ID: ${original}`, 'Disposition: manual-action/MDN-sent-manually; displayed', '',
    `--${b}--`, '',
  ].join('\r\n'));
}

async function everydaySpec(kind: EverydayKind, rand: () => number, n: number, at: Date): Promise<Spec> {
  const year = at.getUTCFullYear();
  const values = { year, month: at.getUTCMonth() + 1, day: `${at.getUTCMonth() + 1}月${Math.min(28, at.getUTCDate() + 2)}日`, room: 300 + (n % 20), issue: 100 + n };
  const colleague = pick(rand, COLLEAGUES);
  const sign = `\n\n${colleague.name}\n${colleague.office}`;
  switch (kind) {
    case 'meeting': {
      const m = pick(rand, MEETINGS);
      return { from: `${colleague.name} <${colleague.address}>`, subject: fill(m.subject, values), text: fill(m.body, values) + sign };
    }
    case 'meeting-agenda': {
      const m = pick(rand, AGENDAS);
      const content = m.file.endsWith('.pdf') ? tinyPdf(m.file) : summaryDocx(fill(m.subject, values), ['一、', '二、']);
      return { from: `${colleague.name} <${colleague.address}>`, subject: fill(m.subject, values), text: fill(m.body, values) + sign, attachments: [{ filename: m.file, content, contentType: m.file.endsWith('.pdf') ? 'application/pdf' : DOCX }] };
    }
    case 'expense': {
      const rows = [['日期', '事由', '交通费', '住宿费', '合计'], [`${values.month}月${1 + (n % 27)}日`, '赴上海参加学术会议', 553 + n, 450, 1003 + n], ['', '市内交通', 86, 0, 86]];
      const content = await plainSheet('差旅费报销单', rows, at);
      return { from: `${colleague.name} <${colleague.address}>`, subject: `${values.month}月差旅费报销单，请审核`, text: `吴老师好，报销单已填好，请您审核签字。${sign}`, attachments: [{ filename: `差旅费报销单-${colleague.name}.xlsx`, content, contentType: XLSX }] };
    }
    case 'newsletter': {
      const l = pick(rand, NEWSLETTERS);
      return { from: l.from, subject: fill(l.subject, values), html: l.html, headers: { 'List-Id': `<${l.list}>`, 'List-Unsubscribe': `<mailto:unsubscribe@${l.list}>`, Precedence: 'bulk' } };
    }
    case 'journal-review': {
      const j = pick(rand, JOURNALS);
      const attachments = rand() < 0.5 ? [{ filename: `manuscript-${values.issue}.pdf`, content: tinyPdf('manuscript'), contentType: 'application/pdf' }] : [];
      return { from: j.from, subject: fill(j.subject, values), text: fill(j.body, values), attachments };
    }
    case 'oa-notice':
      return { from: '协同办公系统 <oa-noreply@example.edu.cn>', subject: fill(pick(rand, OA_NOTICES), values), text: '请登录协同办公系统查看详情。本邮件由系统自动发送，请勿回复。', headers: { 'Auto-Submitted': 'auto-generated' } };
    case 'student-request': {
      const s = pick(rand, STUDENTS);
      const r = pick(rand, STUDENT_REQUESTS);
      const content = r.file.endsWith('.xlsx') ? await plainSheet('助管工作记录', [['日期', '工作内容', '时长'], ['周一', '整理档案', 3]], at) : summaryDocx('请假条', [`本人${s.name}因事请假三天。`]);
      return { from: `${s.name} <${s.address}>`, subject: fill(r.subject, { ...values, name: s.name }), text: fill(r.body, { ...values, name: s.name }), attachments: [{ filename: r.file, content, contentType: r.file.endsWith('.xlsx') ? XLSX : DOCX }] };
    }
    case 'personal': {
      const f = pick(rand, FRIENDS);
      const p = pick(rand, PERSONAL);
      return { from: `${f.name} <${f.address}>`, subject: p.subject, text: p.body, attachments: p.file ? [{ filename: p.file, content: eventPhoto(5000 + n), contentType: 'image/png' }] : [] };
    }
    case 'read-receipt':
      throw new Error('read receipts are composed by readReceipt');
  }
}

/** `count` everyday mails received between `from` and `to`, every kind in turn. */
export async function everydayMails(count: number, opts: { from: Date; to: Date; seed?: number; prefix?: string }): Promise<GeneratedMail[]> {
  const rand = seeded(opts.seed ?? 20250421);
  const prefix = opts.prefix ?? 'day';
  const span = opts.to.getTime() - opts.from.getTime();
  const out: GeneratedMail[] = [];
  for (let n = 0; n < count; n++) {
    const kind = EVERYDAY_KINDS[n % EVERYDAY_KINDS.length]!;
    const at = new Date(opts.from.getTime() + Math.floor((span * (n + rand() * 0.9)) / count));
    const messageId = `<${prefix}${String(n).padStart(4, '0')}.${kind}@mail.example.edu.cn>`;
    const reader = pick(rand, COLLEAGUES);
    const raw = kind === 'read-receipt'
      ? readReceipt(reader, pick(rand, RECEIPT_SUBJECTS), `<sent${n}@bjtu.edu.cn>`, messageId, at)
      : await compose(await everydaySpec(kind, rand, n, at), messageId, at);
    out.push({ file: `${prefix}-${String(n).padStart(4, '0')}-${kind}.eml`, kind, raw, internalDate: new Date(at.getTime() + 60_000), messageId });
  }
  return out;
}

/** The last call's form from a unit, as it sat in the mailbox a year ago (given as .xlsx bytes). */
export async function lastYearFormMail(unit: { name: string; contact: string; address: string }, workbook: Buffer, n: number, at: Date): Promise<GeneratedMail> {
  const messageId = `<ly${String(n).padStart(4, '0')}.form@mail.example.edu.cn>`;
  const raw = await compose({
    from: `${unit.contact} <${unit.address}>`,
    subject: `${unit.name} ${at.getUTCFullYear()}年科技活动周推荐表`,
    text: `吴老师好：\n\n附件是${unit.name}${at.getUTCFullYear()}年科技活动周推荐表，请查收。\n\n${unit.contact}`,
    attachments: [{ filename: `附件1-推荐表（${unit.name}）.xlsx`, content: workbook, contentType: XLSX }],
  }, messageId, at);
  return { file: `ly-${String(n).padStart(4, '0')}-form.eml`, kind: 'last-year-form', raw, internalDate: new Date(at.getTime() + 60_000), messageId };
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'everyday-'));
  fs.mkdirSync(out, { recursive: true });
  const mails = await everydayMails(18, { from: new Date('2025-04-22T00:00:00Z'), to: new Date('2025-06-10T00:00:00Z') });
  for (const m of mails) fs.writeFileSync(path.join(out, m.file), m.raw);
  console.log(`${mails.length} everyday mails written to ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
