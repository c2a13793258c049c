/**
 * The bare-library figures measured in the same run as the worker's:
 * - the ceiling: CPU to parse one bench mail with mailparser's simpleParser and read its form
 *   with exceljs `xlsx.load`, the least any worker must spend on a submission's form
 *   (bench/README.md, "Reference ceilings": ~3.2 ms on this kind of machine);
 * - the pipeline floor: the fixed libraries doing every step from the mailbox to the reply
 *   (pipeline-floor.ts), the least they spend on the whole path.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import type { DovecotServer } from '../../test/harness/dovecot.js';
import type { SmtpCapture } from '../../test/harness/smtp-capture.js';
import { median } from '../measure.js';
import type { BenchMail } from './e2e-mails.js';
import type { FloorJob } from './pipeline-floor.js';

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

export interface FloorFigures {
  /** CPU ms per mail: the median of the timed phases (of both processes, for a pair). */
  cpuMs: number;
  /** Mails answered a second: the median of the timed phases (summed over both processes, for a pair). */
  perSecond: number;
}

export interface PipelineFloor {
  /** The bare pipeline in one process. */
  measure(): Promise<FloorFigures>;
  /**
   * Two bare pipelines at once, each in a process with its own folder, queues and database: what
   * this host lets a second process add when no code of ours runs. Both start together and do the
   * same work, so their timed phases overlap; the sum of their rates is the pair's.
   */
  measurePair(): Promise<FloorFigures>;
  close(): void;
}

/**
 * The pipeline floor on these services, run in a process of its own each time (the bench's
 * process also runs the SMTP capture, whose CPU is the server's, not the pipeline's). Each
 * measurement answers `warmup` untimed mails first, as the worker's figure comes after its warm-up.
 */
export function pipelineFloor(s: { dovecot: DovecotServer; smtp: SmtpCapture; redisUrl: string }, mails: BenchMail[], o = { warmup: 300, perPhase: 100, phases: 3 }): PipelineFloor {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-floor-mails-'));
  const mailFiles = mails.map((m, i) => {
    const file = path.join(dir, `${i}.eml`);
    fs.writeFileSync(file, m.raw);
    return file;
  });
  const imap = s.dovecot.imapEnv();
  const job: FloorJob = { imap: { host: imap.host, port: imap.port, user: imap.user, pass: imap.pass }, smtp: { host: s.smtp.host, port: s.smtp.port }, redisUrl: s.redisUrl, mailFiles, ...o };
  const script = path.join(import.meta.dirname, 'pipeline-floor.ts');
  const once = async () => {
    // Not execFileSync: the SMTP capture it sends to runs on this process's event loop.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], { encoding: 'utf8' });
    const { cpuMsPerMail, mailsPerSecond } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { cpuMsPerMail: number[]; mailsPerSecond: number[] };
    return { cpuMsPerMail, perSecond: median(mailsPerSecond) };
  };
  return {
    async measure() {
      const { cpuMsPerMail, perSecond } = await once();
      return { cpuMs: median(cpuMsPerMail), perSecond };
    },
    async measurePair() {
      const [a, b] = await Promise.all([once(), once()]);
      return { cpuMs: median([...a.cpuMsPerMail, ...b.cpuMsPerMail]), perSecond: a.perSecond + b.perSecond };
    },
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
