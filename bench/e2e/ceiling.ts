/**
 * The bare-library ceiling, measured in the same run as the worker's figures: CPU to parse one
 * bench mail with mailparser's simpleParser and read its form with exceljs `xlsx.load` — the
 * least any worker must spend per submission (bench/README.md, "Reference ceilings": ~3.2 ms on this kind of machine).
 */
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { median } from '../measure.js';
import type { BenchMail } from './e2e-mails.js';

/**
 * Warmed as the worker is (run-e2e.ts's `--warmup`): the first few hundred calls cost about twice
 * what later ones do, so the timed runs come after `warmup` untimed ones.
 */
export async function bareCeilingCpuMs(mails: BenchMail[], runs = 3, perRun = 60, warmup = 200): Promise<number> {
  const once = async (raw: Buffer) => {
    const parsed = await simpleParser(raw);
    await new ExcelJS.Workbook().xlsx.load(parsed.attachments[0]!.content as unknown as ArrayBuffer);
  };
  for (let i = 0; i < warmup; i++) await once(mails[i % mails.length]!.raw);
  const perMail: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < perRun; i++) await once(mails[i % mails.length]!.raw);
    const used = process.cpuUsage(start);
    perMail.push((used.user + used.system) / 1000 / perRun);
  }
  return median(perMail);
}
