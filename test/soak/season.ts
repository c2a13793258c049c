/**
 * The mail of a season, as trials: each trial is one sender's episode — a valid form, a form with
 * mistakes and its correction, a report in two mails, both forms in one mail, a legacy .xls, a
 * late form, a zipped report, a unit nobody can place, machine mail (auto-replies, out-of-office,
 * a mailing list) or everyday mail that has nothing to do with the campaign. The mails are the
 * checked-in fixtures (test/fixtures/sandbox, test/fixtures/mail, scripts/make-everyday-mails.ts)
 * with every Message-ID made unique per trial and each unit sender given an address of its own,
 * so no trial's replies count against another's rate limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { everydayMails } from '../../scripts/make-everyday-mails.js';
import { projectRoot } from '../support/worker-env.js';
import type { Rng } from './rng.js';

export const TRIAL_KINDS = {
  valid: ['01-recommendation-valid'],
  'valid-xls': ['05-legacy-xls'],
  late: ['07-recommendation-late'],
  correction: ['02-recommendation-mistakes', '03-recommendation-corrected'],
  'both-forms': ['04-both-forms'],
  'report-parts': ['08-report-table-only', '09-report-summary-photos'],
  'report-zip': ['10-report-zip'],
  'unknown-unit': ['06-unknown-sender'],
  machine: [],
  unrelated: [],
} as const;
export type TrialKind = keyof typeof TRIAL_KINDS;

/** How often each kind comes up in a season (units mostly get it right; machine and everyday mail are common). */
const WEIGHTS: Record<TrialKind, number> = { valid: 3, 'valid-xls': 1, late: 1, correction: 2, 'both-forms': 1, 'report-parts': 2, 'report-zip': 1, 'unknown-unit': 1, machine: 2, unrelated: 3 };

/** Held submissions and machine or everyday mail get no reply; every unit mail of a known unit gets one. */
const NO_REPLY: ReadonlySet<TrialKind> = new Set(['unknown-unit', 'machine', 'unrelated']);

const MACHINE_FIXTURES = ['rfc3834-auto-reply', 'exmail-auto-reply', 'outlook-out-of-office', 'mailing-list'];

export interface SeasonMail {
  trial: number;
  kind: TrialKind;
  /** The Message-ID without angle brackets. */
  messageId: string;
  raw: Buffer;
  /** Replies (or drafts) this mail should get: 0 or 1. */
  expectReplies: 0 | 1;
}

export interface Trial {
  n: number;
  kind: TrialKind;
  mails: SeasonMail[];
}

const readFixture = (dir: string, name: string) => fs.readFileSync(path.join(projectRoot, 'test/fixtures', dir, `${name}.eml`));

/** Gives every Message-ID in the header block a per-trial suffix and the unit sender an address of its own. */
export function retag(raw: Buffer, tag: string, opts: { renameSender: boolean }): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  let head = text.slice(0, end);
  head = head.replace(/^(Message-ID|In-Reply-To|References):([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim, (line) => line.replace(/<([^<>@\s]+)@/g, `<$1.${tag}@`));
  if (opts.renameSender) head = head.replace(/^(From:[^\r\n]*<)([^@>\s]+)@/im, `$1$2.${tag}@`);
  return Buffer.from(head + text.slice(end), 'latin1');
}

const messageIdOf = (raw: Buffer): string => {
  const m = /^Message-ID:\s*<([^>]+)>/im.exec(raw.toString('latin1'));
  if (!m) throw new Error('season mail without a Message-ID');
  return m[1]!;
};

/** `count` trials from `rng`: the same seed gives the same mails, byte for byte. */
export async function makeSeason(count: number, seed: number, rng: Rng): Promise<Trial[]> {
  const everyday = await everydayMails(Math.max(1, count), { from: new Date('2025-04-22T00:00:00Z'), to: new Date('2025-06-10T00:00:00Z'), seed, prefix: `soak${seed}-` });
  const trials: Trial[] = [];
  for (let n = 1; n <= count; n++) {
    const kind = rng.weighted(WEIGHTS);
    const tag = `s${seed}t${n}`;
    let raws: Buffer[];
    if (kind === 'machine') raws = [retag(readFixture('mail', rng.pick(MACHINE_FIXTURES)), tag, { renameSender: false })];
    else if (kind === 'unrelated') raws = [retag(everyday[(n - 1) % everyday.length]!.raw, tag, { renameSender: false })];
    else raws = TRIAL_KINDS[kind].map((name) => retag(readFixture('sandbox', name), tag, { renameSender: true }));
    const expectReplies = NO_REPLY.has(kind) ? 0 : 1;
    trials.push({ n, kind, mails: raws.map((raw) => ({ trial: n, kind, messageId: messageIdOf(raw), raw, expectReplies })) });
  }
  return trials;
}
