/**
 * Renders what the coordinator gets each morning, for the repo's readers (checked in; rerun to remake):
 *   npx tsx scripts/render-sample-digest.ts
 * A sample season day (2025-05-08 08:30, two days after the recommendation deadline) for the
 * first 16 units of the shipped config/units.yaml, composed by the real composer, written as
 * docs/sample-digest.html (the chart inlined as a data: URI, as `inbox-worker digest --out`
 * does) and photographed at phone width with headless Chromium (Debian's `chromium`, with
 * `fonts-noto-cjk` for the Chinese) into docs/sample-digest.png. Sends nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { digestHtmlForFile } from '../src/cli/digest-command.js';
import { loadJudgementConfig } from '../src/config/app-config.js';
import { renderProgressChart } from '../src/adapters/files/progress-chart.js';
import { composeDigest, type DigestInput, type DigestSubmission } from '../src/domain/digest/index.js';

const root = path.resolve(import.meta.dirname, '..');
const { campaign } = loadJudgementConfig(path.join(root, 'config'));
const units = campaign.units.slice(0, 16).map((u) => u.name);
const now = new Date('2025-05-08T00:30:00Z');

const sub = (i: number, deliverable: DigestSubmission['deliverable'], status: DigestSubmission['status'], extra: Partial<DigestSubmission> = {}): DigestSubmission => ({
  unit: units[i]!, deliverable, status, late: false, version: 1, receivedAt: '2025-05-05T02:10:00Z', errorCount: 0, warningCount: 0, missingParts: [], ...extra,
});

const input: DigestInput = {
  now,
  campaign: campaign.campaign,
  units,
  submissions: [
    sub(0, 'recommendation', 'accepted'),
    sub(1, 'recommendation', 'accepted_with_warnings', { warningCount: 2, receivedAt: '2025-05-06T07:45:00Z' }),
    sub(1, 'report', 'incomplete', { missingParts: ['总结材料', '影像资料'], receivedAt: '2025-05-07T06:00:00Z' }),
    sub(2, 'recommendation', 'needs_correction', { version: 2, errorCount: 3, receivedAt: '2025-05-06T08:00:00Z' }),
    sub(3, 'recommendation', 'accepted', { late: true, receivedAt: '2025-05-07T02:30:00Z' }),
    sub(5, 'recommendation', 'accepted', { receivedAt: '2025-05-04T03:20:00Z' }),
    sub(6, 'recommendation', 'accepted', { version: 2, receivedAt: '2025-05-05T09:00:00Z' }),
    sub(6, 'report', 'accepted', { receivedAt: '2025-05-07T09:00:00Z' }),
    sub(7, 'recommendation', 'accepted_with_warnings', { warningCount: 1 }),
    sub(8, 'recommendation', 'accepted'),
    sub(9, 'recommendation', 'needs_correction', { errorCount: 1, receivedAt: '2025-05-06T15:40:00Z' }),
    sub(11, 'recommendation', 'accepted', { receivedAt: '2025-05-03T01:00:00Z' }),
    sub(12, 'recommendation', 'accepted'),
    sub(14, 'recommendation', 'accepted', { late: true, receivedAt: '2025-05-07T23:10:00Z' }),
  ],
  needsYou: [
    { kind: 'conflict', subject: '致科研院：土建学院推荐表', detail: '发件人 liwei@example.edu.cn：发件地址登记为「机械与电子控制工程学院」，但表格单位栏填写的是“土建学院”。', since: '2025-05-06T05:00:00Z' },
    { kind: 'unknown_sender', subject: '科技活动周推荐表', detail: '发件人 zhang.san@example.com：无法确定发件单位。', since: '2025-05-07T01:00:00Z' },
    { kind: 'job_failed', subject: 'validate/validate-3f9c2a', detail: '重试 6 次后仍失败：附件无法读取', since: '2025-05-07T11:00:00Z' },
  ],
  changes: [
    { at: '2025-05-07T02:30:00Z', unit: units[3]!, deliverable: 'recommendation', from: null, to: 'accepted' },
    { at: '2025-05-07T06:00:00Z', unit: units[1]!, deliverable: 'report', from: null, to: 'incomplete' },
    { at: '2025-05-07T09:00:00Z', unit: units[6]!, deliverable: 'report', from: null, to: 'accepted' },
    { at: '2025-05-07T23:10:00Z', unit: units[14]!, deliverable: 'recommendation', from: null, to: 'accepted' },
  ],
  lastDigestAt: '2025-05-07T00:30:00Z',
  remindersSentToday: [],
};

const digest = composeDigest(input);
const htmlFile = path.join(root, 'docs', 'sample-digest.html');
const pngFile = path.join(root, 'docs', 'sample-digest.png');
fs.writeFileSync(htmlFile, digestHtmlForFile({ digest, chart: renderProgressChart(digest.figures) }));

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
try {
  execFileSync('chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--hide-scrollbars', `--user-data-dir=${profile}`, `--screenshot=${pngFile}`, '--window-size=420,1800', `file://${htmlFile}`,
  ], { stdio: 'ignore', timeout: 60_000 });
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${htmlFile}\n${pngFile}\n${digest.subject}`);
