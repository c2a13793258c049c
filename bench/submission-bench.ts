/**
 * One whole submission on one core, measured: the mail parsed, its form read and judged. The
 * library side is what the reference ~310 submissions/s (bench/README.md, "Reference ceilings") derives from — simpleParser, then exceljs
 * `load` of the attachment; ours is parseStoredMessage into memory blobs, then readWorkbook +
 * judgeForm on the stored bytes (the validate job reads the blob the ingest job stored).
 */
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { readAndJudge, type FormsSetup } from './forms-bench.js';
import { compareRates, elapsedMs, type Rates } from './measure.js';
import { parseOurs } from './mime-bench.js';
import { memoryBlobs } from './put-blobs.js';

async function libraryOnce(raw: Buffer): Promise<void> {
  const mail = await simpleParser(raw);
  const xlsx = mail.attachments[0];
  if (!xlsx) throw new Error('bench mail has no attachment');
  await new ExcelJS.Workbook().xlsx.load(xlsx.content as unknown as ArrayBuffer);
}

async function oursOnce(raw: Buffer, blobs: ReturnType<typeof memoryBlobs>, setup: FormsSetup): Promise<void> {
  const parsed = await parseOurs(raw, blobs.putBlob);
  for (const attachment of parsed.attachments) {
    if (attachment.sniffedType !== 'zip') continue;
    const errors = await readAndJudge({ name: attachment.filename, bytes: blobs.get(attachment.sha256)! }, setup);
    if (errors > 0) throw new Error(`bench submission ${attachment.filename} judged with ${errors} errors`);
  }
  blobs.clear();
}

export async function benchSubmission(mails: Buffer[], setup: FormsSetup, perRun: number, runs: number): Promise<Rates> {
  const blobs = memoryBlobs();
  const pick = (i: number): Buffer => mails[i % mails.length]!;
  const probe = await parseOurs(pick(0), blobs.putBlob);
  if (!probe.attachments.some((a) => a.sniffedType === 'zip')) throw new Error('bench mail: no attachment sniffed as zip (xlsx)');
  return compareRates(
    perRun,
    runs,
    () => elapsedMs(async () => {
      for (let i = 0; i < perRun; i++) await libraryOnce(pick(i));
    }),
    () => elapsedMs(async () => {
      for (let i = 0; i < perRun; i++) await oursOnce(pick(i), blobs, setup);
    }),
  );
}
