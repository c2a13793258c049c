/**
 * Hostile and broken files through `inbox-worker check`, as a child process (issue 11): each
 * input is made at test time by hostile-inputs.ts, nothing large is committed. For each: the
 * exit status, the result line, what the unit is told, and its peak resident memory — `check`'s
 * own plus its reading process's (run-check.ts) — under a fixed cap. Before this suite the 16 KB
 * bomb took `check` to 4.2 GB and 110 s, and the 1 GB zip entry to 2.1 GB.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../support/worker-env.js';
import * as hostile from './hostile-inputs.js';
import { BIN, runCheck as runCheckAs, type CheckRun } from './run-check.js';

/**
 * Peak RSS of `check` plus that of its reading process (run-check.ts), whatever the file: two Node
 * processes with tsx, exceljs in the reader.
 */
const MAX_RSS_MB = 450;

type Run = CheckRun<{ file: string; reply: string; deliverables: { deliverable: string; status: string; activities: number; problems: { message: string }[] }[] }>;
const runCheck = (file: string, env: NodeJS.ProcessEnv = {}): Promise<Run> => runCheckAs(file, env);

const messages = (r: Run) => r.line.deliverables.flatMap((d) => d.problems.map((p) => p.message)).join('\n');

describe('hostile files through check: a clear correction request, bounded memory, never a crash', () => {
  let dir: string;
  const runs = new Map<string, Run>();
  const file = (name: string) => path.join(dir, name);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
    const inputs: Record<string, Buffer | Promise<Buffer>> = {
      'bomb.xlsx': hostile.farCellBomb(),
      'header-500k.xlsx': hostile.longHeaderCell(500_000),
      'header-1m.xlsx': hostile.longHeaderCell(1_000_000),
      'phone-spaces.xlsx': hostile.spacedPhone(50_000),
      'rows-200000.xlsx': hostile.manyRows(200_000),
      'rows-2500.xlsx': hostile.manyRows(2_500),
      'giant-entry.zip': hostile.zipWithGiantEntry(),
      'copies-1000.xlsx': hostile.copiedSheets(1000),
      'copies-3.xlsx': hostile.copiedSheets(3),
    };
    for (const [name, bytes] of Object.entries(inputs)) fs.writeFileSync(file(name), await bytes);
    // One `check` process per file, two at a time: each file's exit status and memory are its own.
    const names = Object.keys(inputs);
    const next = async (): Promise<void> => {
      const name = names.shift();
      if (!name) return;
      runs.set(name, await runCheck(file(name)));
      await next();
    };
    await Promise.all([next(), next()]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, RegExp, string][] = [
    ['bomb.xlsx', /表格过大或结构异常：工作表「推荐表」用到了第 1048576 行（上限 20000 行）/, '16 KB, one cell at XFD1048576'],
    ['header-500k.xlsx', /表格过大或结构异常：.*有单元格的文字超过 32767 个字符/, 'a 500 KB text above the header'],
    ['header-1m.xlsx', /表格过大或结构异常：.*有单元格的文字超过 32767 个字符/, 'a 1 MB text above the header'],
    ['phone-spaces.xlsx', /表格过大或结构异常：.*有单元格的文字超过 32767 个字符/, '50 KB of spaces in a phone cell'],
    ['rows-200000.xlsx', /表格过大或结构异常：工作表「推荐表」用到了第 20001 行（上限 20000 行）.*拆分/, '200,000 activity rows'],
    ['rows-2500.xlsx', /有 2500 行活动，超过每个文件 2000 行的上限.*拆分/, '2,500 activity rows'],
    ['giant-entry.zip', /“giant-entry\.zip\/推荐表\.xlsx”解压后有 954 MB（表格文件上限 30 MB）/, 'a zip with a 1 GB entry named 推荐表.xlsx'],
    ['copies-1000.xlsx', /表格过大或结构异常：工作簿中有 1001 个工作表（上限 50 个）/, '1,000 copies of the form sheet'],
  ];
  for (const [name, told, what] of cases) {
    it(`${what} (${name}) → exit 1, a correction request saying so, peak RSS under ${MAX_RSS_MB} MB`, async () => {
      const r = runs.get(name)!;
      assert.equal(r.code, 1, 'exit 1: the file needs correction');
      assert.equal(r.line.reply, 'correction_request');
      assert.ok(r.line.deliverables.every((d) => d.status === 'needs_correction'), JSON.stringify(r.line.deliverables.map((d) => d.status)));
      assert.match(messages(r), told);
      assert.ok(r.maxRssMb < MAX_RSS_MB, `${name}: peak RSS ${r.maxRssMb.toFixed(0)} MB`);
      console.log(`# ${name}: exit ${r.code}, ${r.line.reply}, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    });
  }

  it('three copies of the form sheet in one workbook → read once (4 activities, not 12) and the unit asked to keep one', async () => {
    const r = runs.get('copies-3.xlsx')!;
    assert.equal(r.code, 1);
    assert.equal(r.line.deliverables[0]?.activities, 4);
    assert.match(messages(r), /有 3 个工作表都是推荐表（附件1）（「推荐表」「推荐表 \(2\)」「推荐表 \(3\)」），本次只读取了第一个「推荐表」/);
  });
});

describe('check honours the sandbox caps of the environment, as the worker does', () => {
  let dir: string;
  let form: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-caps-'));
    form = path.join(dir, '推荐表.xlsx');
    // Within every sheet limit: only the sandbox's heap cap or time limit can stop it.
    fs.writeFileSync(form, await hostile.manyRows(15_000));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('by default the 15,000-row form is read and judged: the unit is asked to split it', async () => {
    assert.match(messages(await runCheck(form)), /有 15000 行活动，超过每个文件 2000 行的上限/);
  });
  it('READ_MEMORY_MB=32 → the reading ends at the heap cap and the unit is told so', async () => {
    const r = await runCheck(form, { READ_MEMORY_MB: '32' });
    assert.equal(r.code, 1);
    assert.match(messages(r), /表格过大或结构异常：读取时超出了内存上限，未能读取/);
  });
  it('READ_TIMEOUT_SECONDS=0.05 → the reading ends at the time limit and the unit is told so', async () => {
    const r = await runCheck(form, { READ_TIMEOUT_SECONDS: '0.05' });
    assert.equal(r.code, 1);
    assert.match(messages(r), /表格过大或结构异常：读取时超出了时间上限，未能读取/);
  });
  it('a cap that is not a number → check refuses to run and names the variable', async () => {
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'check', form], { cwd: projectRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME, READ_MEMORY_MB: 'lots' } });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    assert.notEqual(out.code, 0);
    assert.notEqual(out.code, 1);
    assert.match(out.stderr, /READ_MEMORY_MB/);
  });
});

describe('check and its temporary folder', () => {
  it('check killed by SIGTERM while it reads → its temporary folder is gone, and the exit says it was terminated', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-tmp-'));
    // A mail with a 60 MB attachment: check is still storing its parts when the signal comes.
    const big = path.join(tmp, 'big.eml');
    const line = `${'A'.repeat(76)}\r\n`;
    fs.writeFileSync(big, ['From: unit@example.edu.cn', 'To: mywu@bjtu.edu.cn', 'Subject: 推荐表', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', '附件', '--b',
      'Content-Type: application/octet-stream; name="a.bin"', 'Content-Transfer-Encoding: base64', '', line.repeat(800_000), '--b--', ''].join('\r\n'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'check', '--json', big], { cwd: projectRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmp }, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
      const deadline = Date.now() + 60_000;
      while (!fs.readdirSync(tmp).some((n) => n.startsWith('inbox-check-'))) {
        assert.ok(Date.now() < deadline, 'check made its temporary folder');
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGTERM');
      assert.equal(await exited, 'SIGTERM');
      assert.deepEqual(fs.readdirSync(tmp).filter((n) => n.startsWith('inbox-check-')), []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
