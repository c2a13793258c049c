/**
 * The reading sandbox's own caps (docs/limits.md): a file that fills a reading process's heap or
 * outlasts its time ends that reading, as an aborted outcome the caller turns into a problem for
 * the unit — and the pool starts a new process for the next file. Real child processes, real files.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createReadPool } from '../../../../src/adapters/workbook/sandbox/read-pool.js';
import { manyRows, validForm } from '../../../hostile/hostile-inputs.js';
import { shippedForms } from '../../../domain/forms/load-defs.js';
import { formContext as formContextOf } from '../../../../src/config/form-definitions.js';

const { both, campaign } = shippedForms();
const formContext = formContextOf(campaign);
let big: Buffer;
let small: Buffer;
before(async () => {
  big = await manyRows(15_000); // within the sheet limits: only the heap cap can stop it
  small = await validForm();
});

void test('a sheet too big for a 32 MB heap → the reading ends as "memory", and the next file is read by a new process', async () => {
  const pool = createReadPool({ maxHeapMb: 32 });
  after(() => pool.close());
  const first = await pool.read({ bytes: big, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
  assert.equal(first.ok, false);
  assert.equal(!first.ok && first.reason, 'memory');
  const next = await pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
  assert.ok(next.ok, JSON.stringify(next));
  assert.equal(next.ok && next.result.forms[0]?.rows.length, 3);
});

void test('a heap cap far below the default holds: a form that outgrows it fast ends that reading as "memory" at every cap, never this process', async () => {
  // 19,000 rows × 15 columns (1.1 MB, within every sheet limit). Read on a worker thread capped at
  // 64 MB, this file aborted the whole process once ("FATAL ERROR: Reached heap limit"): a
  // thread's cap is not a hard guarantee, a process's is (docs/limits.md, "Why processes").
  const wide = await manyRows(19_000, 12);
  for (const maxHeapMb of [32, 64, 96]) {
    const pool = createReadPool({ maxHeapMb });
    try {
      const outcome = await pool.read({ bytes: wide, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
      assert.equal(!outcome.ok && outcome.reason, 'memory', `${maxHeapMb} MB: ${JSON.stringify(outcome).slice(0, 200)}`);
      assert.match(!outcome.ok ? outcome.detail : '', /heap/, 'V8\'s own words say why');
      const next = await pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
      assert.ok(next.ok, `${maxHeapMb} MB, the next file: ${JSON.stringify(next).slice(0, 200)}`);
    } finally {
      await pool.close();
    }
  }
});

void test('a reading past the time limit → "time"; close() ends the pool and what waits in it', async () => {
  const pool = createReadPool({ timeoutMs: 20 });
  const waiting = [pool.read({ bytes: big, kind: 'xlsx', fileName: 'a.xlsx', definitions: both, formContext }), pool.read({ bytes: small, kind: 'xlsx', fileName: 'b.xlsx', definitions: both, formContext })];
  const first = await waiting[0]!;
  assert.equal(!first.ok && first.reason, 'time');
  await pool.close();
  const second = await waiting[1]!;
  assert.equal(second.ok, false, 'a reading still waiting when the pool closes is aborted, not left hanging');
});

void test('the time limit counts from when the process has loaded: a small file on a fresh process is read under a limit shorter than the loading', async () => {
  // Under tsx a process takes ~1.7 s to load exceljs and the readers (6 December 2026, quiet host);
  // the limit here is 800 ms. A first reading on a busy host took over 300 ms once (a CI run).
  const pool = createReadPool({ timeoutMs: 800 });
  after(() => pool.close());
  const outcome = await pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.ok && outcome.result.forms[0]?.rows.length, 3);
});

void test('the forms come back judged in the reading process, and judging counts against the same heap cap: a form read within 90 MB whose row-by-row judging outgrows it ends as "memory"', async () => {
  // 19,000 rows of 3 cells each: every row lacks its required cells, ~8 problems a row once judged row by row.
  const rows = await manyRows(19_000);
  const pool = createReadPool({ maxHeapMb: 90 });
  after(() => pool.close());
  const withinRowCap = await pool.read({ bytes: rows, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
  assert.ok(withinRowCap.ok, JSON.stringify(withinRowCap).slice(0, 300));
  assert.deepEqual(withinRowCap.ok && withinRowCap.result.forms[0]?.problems.map((p) => p.code), ['form.tooManyRows'], 'judged in the reading process: one problem, rows past the cap not judged');
  const judgedRowByRow = await pool.read({ bytes: rows, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext: { ...formContext, maxActivityRows: 1_000_000 } });
  assert.equal(!judgedRowByRow.ok && judgedRowByRow.reason, 'memory');
  const next = await pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext });
  assert.ok(next.ok);
  assert.deepEqual(next.ok && next.result.forms[0]?.problems, [], 'a good form comes back judged, without problems');
  assert.equal(next.ok && typeof next.result.forms[0]?.rows[0]?.values.name, 'string');
});

void test('definitions are sent to a process once and kept; other definitions replace them for the next file', async () => {
  const pool = createReadPool();
  after(() => pool.close());
  const read = (definitions: typeof both) => pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions, formContext });
  const first = await read(both);
  assert.ok(first.ok);
  assert.equal(first.ok && first.result.forms[0]?.formId, 'recommendation');
  // A new array of the same definitions: the process reads with the ones it holds.
  const again = await read([...both]);
  assert.deepEqual(again, first);
  // Only the report's definition now: the recommendation form is no longer found.
  const reportOnly = await read([both[1]!]);
  assert.ok(reportOnly.ok);
  assert.deepEqual(reportOnly.ok && reportOnly.result.forms, []);
  const back = await read(both);
  assert.deepEqual(back, first);
});

void test('a worker killed outright leaves no reading process behind: it exits when its channel to the worker closes', async () => {
  const host = spawn(process.execPath, ['--import', 'tsx', new URL('./pool-host.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('\n')) resolve(out.trim()); });
    host.once('exit', (code) => reject(new Error(`pool-host exited ${code} before reading: ${out}`)));
  });
  const pids = line.replace(/^reader /, '').split(' ').map(Number);
  assert.equal(pids.length, 1, line);
  const alive = (pid: number): boolean => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(alive(pids[0]!), 'the reading process is there while the worker lives');
  host.kill('SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pids[0]!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(alive(pids[0]!), false, 'the reading process ended with the worker');
});
