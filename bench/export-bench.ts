/**
 * National scale: the merged workbook (`inbox-worker export`, the digest's attachment) for 5,000
 * units and 50,000 activity rows, written with exceljs's streaming writer to a file:
 *   node --import tsx bench/export-bench.ts [--units 5000 --rows 10 --runs 3]
 * Prints the median time and the peak RSS of this process (the issue asks < 10 s and < 300 MB).
 * The rows are built in memory as the store query hands them over; the query is not timed here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadCampaignConfig } from '../src/config/load-config.js';
import { loadFormDefinitions } from '../src/config/form-definitions.js';
import { writeMergedWorkbook, type MergedSubmissionRows, type MergedWorkbookInput } from '../src/adapters/workbook/export/index.js';
import { median } from './measure.js';

const { values: args } = parseArgs({ options: { units: { type: 'string', default: '5000' }, rows: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' } } });
const unitCount = Number(args.units);
const perUnit = Number(args.rows);
const { campaign } = loadCampaignConfig('config');
const defs = loadFormDefinitions('config', campaign);

function input(): MergedWorkbookInput {
  const units = Array.from({ length: unitCount }, (_, i) => `第${i + 1}单位（某某大学某某学院科学技术协会）`);
  const rec: MergedSubmissionRows[] = units.map((unit, u) => ({
    unit,
    version: 1 + (u % 3),
    status: 'accepted',
    receivedAt: '2025-05-06T02:00:00.000Z',
    rows: Array.from({ length: perUnit }, (_, r) => ({
      rowNumber: r + 1,
      values: Object.fromEntries(defs.recommendation.columns.map((c) => [c.key, c.type === 'integer' ? 100 + r : c.type === 'date' ? '2025-05-20' : `${c.label}：第${r + 1}项活动的内容，面向师生和周边社区的科普活动`])),
    })),
  }));
  return { definitions: [defs.recommendation, defs.report], units, rows: { recommendation: rec }, reportParts: {}, generatedAt: new Date('2025-05-07T00:00:00Z'), title: campaign.name };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-export-bench-'));
const times: number[] = [];
let size = 0;
try {
  for (let run = 0; run < Number(args.runs); run++) {
    const file = path.join(dir, `merged-${run}.xlsx`);
    const started = performance.now();
    const out = fs.createWriteStream(file);
    await writeMergedWorkbook(input(), out);
    await finished(out);
    times.push(performance.now() - started);
    size = fs.statSync(file).size;
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`export: ${unitCount} units × ${perUnit} rows = ${unitCount * perUnit} rows, ${(size / 1024 / 1024).toFixed(1)} MB xlsx`);
console.log(`  median ${(median(times) / 1000).toFixed(2)} s of ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load ${load}`);
