/**
 * The product's figures beside the library ceilings, in one run:
 *   npm run bench            (or: node --import tsx bench/run.ts --runs 7 --only forms,mime)
 * Each row times the bare library and our code on the same inputs, back to back, median of
 * several runs; the last column quotes the reference ceiling for the same workload
 * (bench/README.md, "Reference ceilings"). Read the ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBlobStore } from '../src/adapters/blobs/blob-store.js';
import { loadCampaignConfig } from '../src/config/load-config.js';
import { loadFormDefinitions } from '../src/config/form-definitions.js';
import { filledForm, readValidFixtures } from './form-inputs.js';
import { benchForms, type FormsSetup } from './forms-bench.js';
import { benchIntake } from './intake-bench.js';
import { submissionMails, withStamp } from './mail-inputs.js';
import { serialRate, type Rates } from './measure.js';
import { benchMime } from './mime-bench.js';
import { hashAndDiscard } from './put-blobs.js';
import { benchQueue, redisUnavailable } from './queue-bench.js';
import { benchSubmission } from './submission-bench.js';
import { renderTable, type BenchRow } from './table.js';

const STAGES = ['forms', 'mime', 'submission', 'intake', 'queue'] as const;
type Stage = (typeof STAGES)[number];

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});
const runs = Math.max(1, Number(args.runs));
const only = new Set((args.only?.split(',') ?? STAGES) as Stage[]);
for (const stage of only) if (!STAGES.includes(stage)) throw new Error(`--only: unknown stage ${stage}; stages are ${STAGES.join(', ')}`);

const rows: BenchRow[] = [];
const notes: string[] = [];
const row = (stage: string, workload: string, unit: string, rates: Rates, facts: string): void => {
  rows.push({ stage, workload, unit, library: rates.library, ours: rates.ours, facts });
};
const progress = (text: string): void => {
  process.stderr.write(`  … ${text}\n`);
};

const started = Date.now();
const { campaign } = loadCampaignConfig('config');
const defs = loadFormDefinitions('config', campaign);
const setup: FormsSetup = { campaign, defs };
const rec30 = await filledForm(defs.recommendation, campaign, 30);
const rep30 = await filledForm(defs.report, campaign, 30);
const stamped = await withStamp(rec30, 30_000);
const mails = await submissionMails(stamped, 20, 'parse');
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
const mailKb = kb(mails[0]!.raw.length);

let forms30: Rates | null = null;
let mimeHash: Rates | null = null;

if (only.has('forms')) {
  progress('forms');
  const fixtures = readValidFixtures();
  row('forms: read + judge', `${fixtures.length} valid fixtures, round-robin (${kb(Math.min(...fixtures.map((f) => f.bytes.length)))}–${kb(Math.max(...fixtures.map((f) => f.bytes.length)))})`, 'forms/s', await benchForms(fixtures, setup, 40, runs), '~390 workbooks/s (11 KB form)');
  forms30 = await benchForms([rec30], setup, 40, runs);
  row('forms: read + judge', `recommendation, 30 rows × ${defs.recommendation.columns.length} cols, ${kb(rec30.bytes.length)}`, 'forms/s', forms30, '~390 workbooks/s (11 KB form)');
  row('forms: read + judge', `report, 30 rows × ${defs.report.columns.length} cols, ${kb(rep30.bytes.length)}`, 'forms/s', await benchForms([rep30], setup, 40, runs), '~390 workbooks/s (11 KB form)');
}

if (only.has('mime')) {
  progress('mime');
  mimeHash = await benchMime(mails.map((m) => m.raw), hashAndDiscard, 200, runs);
  row('MIME parse', `${mailKb} mail, one ${kb(stamped.bytes.length)} xlsx; putBlob hashes + discards`, 'msg/s', mimeHash, '~1,570 msg/s');
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-bench-blobs-'));
  try {
    const blobs = createBlobStore(blobDir);
    row('MIME parse', `${mailKb} mail, one ${kb(stamped.bytes.length)} xlsx; putBlob = blob store (fsync)`, 'msg/s', await benchMime(mails.map((m) => m.raw), (s) => blobs.putStream(s), 200, runs), '~1,570 msg/s');
  } finally {
    fs.rmSync(blobDir, { recursive: true, force: true });
  }
}

if (only.has('submission')) {
  progress('submission');
  if (forms30 && mimeHash) {
    rows.push({ stage: 'submission, derived', workload: '1/(1/MIME hash row + 1/30-row recommendation row)', unit: 'subm/s', library: serialRate(mimeHash.library, forms30.library), ours: serialRate(mimeHash.ours, forms30.ours), facts: '~310 submissions/s (derived)' });
  } else {
    notes.push('the derived submission row needs the forms and mime stages in the same run');
  }
  row('submission, measured', `${mailKb} mail → parse → read + judge its ${kb(stamped.bytes.length)} form`, 'subm/s', await benchSubmission(mails.map((m) => m.raw), setup, 40, runs), '~310 submissions/s (derived)');
}

if (only.has('intake')) {
  progress('intake');
  const intake = await benchIntake(mails[0]!, 200, runs);
  row('store intake', `createIntake: ${mailKb} raw → blob (fsync) + SQLite row, no-op enqueue`, 'msg/s', intake.intake, '~60,000 inserts/s');
  row('store insert', 'messages.recordStored (Kysely) vs bare prepared INSERT', 'rows/s', intake.storeLayer, '~60,000 inserts/s');
}

if (only.has('queue')) {
  progress('queue');
  const why = await redisUnavailable(args.redis);
  if (why) {
    notes.push(`queue rows skipped: ${why}`);
  } else {
    const q = await benchQueue(args.redis, 2000, runs);
    row('queue add', 'add awaited one by one (ours: ingest queue, checked payload + job id)', 'jobs/s', q.add, '~6,500 jobs/s');
    row('queue worker', 'no-op processor, concurrency 1 (ours: payload re-checked)', 'jobs/s', q.worker1, '~4,900 jobs/s');
    row('queue worker', 'no-op processor, concurrency 50 (ours: payload re-checked)', 'jobs/s', q.worker50, '~20,800 jobs/s');
  }
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\ninbox-worker benchmarks — Node ${process.version}, ${os.cpus().length} × ${cpu}, median of ${runs} runs after one warm-up each`);
console.log('ratio = ours ÷ library ceiling measured now (1.00 = as fast as the bare library). Machines are noisy: read ratios, not absolute rates.\n');
console.log(renderTable(rows));
for (const note of notes) console.log(`\nnote: ${note}`);
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
