/**
 * `inbox-worker check --json` as a child process, as the hostile suites run it: its exit status,
 * its result line, and its peak resident memory — `check`'s own plus its reading process's, each
 * reported at exit by report-max-rss.mjs (preloaded through NODE_OPTIONS, so the reading process
 * forked by `check` loads it too). The two peaks are added, as if they had come at the same time.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../support/worker-env.js';

export const BIN = path.join(projectRoot, 'bin/inbox-worker.js');
const RSS_PRELOAD = path.join(projectRoot, 'test/hostile/report-max-rss.mjs');

export interface CheckRun<Line> { code: number; line: Line; maxRssMb: number }

export function runCheck<Line>(file: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<CheckRun<Line>> {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'check-rss-')), 'rss.txt');
  const preload = { NODE_OPTIONS: `--import=${RSS_PRELOAD}`, MAX_RSS_FILE: rssFile };
  return new Promise<CheckRun<Line>>((resolve, reject) => {
    const args = ['--import', 'tsx', BIN, 'check', '--json', file];
    execFile(process.execPath, args, { cwd: projectRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...preload, ...env }, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      const out = stdout.split('\n').find((l) => l.startsWith('{'));
      const peaks = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number)) : [];
      const own = peaks.filter(([, ppid]) => ppid === process.pid).map(([, , kb]) => kb!);
      // A file refused before reading starts no reading process; one killed at a cap reports nothing (it stayed under the cap).
      const readers = peaks.filter(([, ppid]) => ppid !== process.pid).map(([, , kb]) => kb!);
      if (!out || own.length !== 1) return reject(new Error(`check ${file} exited ${code} (peaks ${JSON.stringify(peaks)}): ${stderr}`));
      resolve({ code, line: JSON.parse(out) as Line, maxRssMb: (own[0]! + Math.max(0, ...readers)) / 1024 });
    });
  }).finally(() => fs.rmSync(path.dirname(rssFile), { recursive: true, force: true }));
}
