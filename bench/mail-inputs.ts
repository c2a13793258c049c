/**
 * The mails the benchmarks parse and store: the reference workload "41 KB mails with one 30 KB xlsx" (bench/README.md, "Reference ceilings"). The
 * xlsx is a valid 30-row recommendation form with a pasted stamp image (units paste their seal),
 * which brings it to ~30 KB as the noise pixels do not compress; so the same mail serves the
 * MIME row and the whole-submission row (parse + read + judge).
 */
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer';
import { PNG } from 'pngjs';
import type { FormFile } from './form-inputs.js';

/** Noise pixels from a fixed seed, so every run builds the same bytes. */
function noisePng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  let seed = 0x2025_0524;
  for (let i = 0; i < png.data.length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    png.data[i] = i % 4 === 3 ? 255 : seed >>> 24;
  }
  return PNG.sync.write(png);
}

/** Adds a stamp image to a filled form, growing it until the file weighs about `targetBytes`. */
export async function withStamp(form: FormFile, targetBytes: number): Promise<FormFile> {
  // A noise pixel costs 3-4 bytes after PNG's deflate; start there and grow by 2 % until it fits.
  let side = Math.max(8, Math.round(Math.sqrt(Math.max(0, targetBytes - form.bytes.length) / 4)));
  for (;;) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(form.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((s) => s.state !== 'veryHidden')!;
    const image = workbook.addImage({ buffer: noisePng(side, side) as unknown as ExcelJS.Buffer, extension: 'png' });
    sheet.addImage(image, { tl: { col: 14, row: 1 }, ext: { width: 120, height: 120 } });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    if (bytes.length >= targetBytes * 0.97) return { name: form.name.replace('.xlsx', '-stamped.xlsx'), bytes };
    side = Math.ceil(side * 1.02);
  }
}

export interface SubmissionMail {
  raw: Buffer;
  messageId: string;
}

/** One submission mail as a unit's client sends it: short text body, the form attached. */
export async function submissionMail(form: FormFile, tag: string): Promise<SubmissionMail> {
  const messageId = `<bench-${tag}@mail.example.edu.cn>`;
  const composer = new MailComposer({
    from: { name: '计算机学院科协', address: 'kx@example.edu.cn' },
    to: 'keyan-submit@example.edu.cn',
    subject: '【推荐表】计算机科学与技术学院-2025年科技活动周特色活动推荐',
    messageId,
    date: new Date('2025-05-03T02:00:00Z'),
    text: '吴老师您好：\n\n附件是我院2025年全国科技活动周和全国科技工作者日特色群众性主题实践活动推荐表，请查收。\n\n计算机科学与技术学院 王老师\n010-51680001',
    attachments: [{ filename: `附件1-推荐表-计算机学院.xlsx`, content: form.bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
  });
  return { raw: await composer.compile().build(), messageId };
}

/** `count` distinct mails (own Message-ID each, so intake stores each once) carrying the same form. */
export async function submissionMails(form: FormFile, count: number, tag: string): Promise<SubmissionMail[]> {
  return Promise.all(Array.from({ length: count }, (_, n) => submissionMail(form, `${tag}-${n}`)));
}
