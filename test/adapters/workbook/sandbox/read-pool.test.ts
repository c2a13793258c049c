/**
 * The reading sandbox's own caps (docs/limits.md): a file that fills a reading thread's heap or
 * outlasts its time ends that reading, as an aborted outcome the caller turns into a problem for
 * the unit — and the pool starts a new thread for the next file. Real worker threads, real files.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createReadPool } from '../../../../src/adapters/workbook/sandbox/read-pool.js';
import { manyRows, validForm } from '../../../hostile/hostile-inputs.js';
import { shippedForms } from '../../../domain/forms/load-defs.js';

const { both } = shippedForms();
let big: Buffer;
let small: Buffer;
before(async () => {
  big = await manyRows(15_000); // within the sheet limits: only the heap cap can stop it
  small = await validForm();
});

void test('a sheet too big for a 24 MB heap → the reading ends as "memory", and the next file is read on a new thread', async () => {
  const pool = createReadPool({ maxHeapMb: 24 });
  after(() => pool.close());
  const first = await pool.read({ bytes: big, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both });
  assert.equal(first.ok, false);
  assert.equal(!first.ok && first.reason, 'memory');
  const next = await pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both });
  assert.ok(next.ok, JSON.stringify(next));
  assert.equal(next.ok && next.result.forms[0]?.rows.length, 3);
});

void test('a reading past the time limit → "time"; close() ends the pool and what waits in it', async () => {
  const pool = createReadPool({ timeoutMs: 20 });
  const waiting = [pool.read({ bytes: big, kind: 'xlsx', fileName: 'a.xlsx', definitions: both }), pool.read({ bytes: small, kind: 'xlsx', fileName: 'b.xlsx', definitions: both })];
  const first = await waiting[0]!;
  assert.equal(!first.ok && first.reason, 'time');
  await pool.close();
  const second = await waiting[1]!;
  assert.equal(second.ok, false, 'a reading still waiting when the pool closes is aborted, not left hanging');
});

void test('the time limit counts from when the thread has loaded: a small file on a fresh thread is read under a limit shorter than the loading', async () => {
  // Under tsx a thread takes seconds to load exceljs and the readers; the limit here is 300 ms.
  const pool = createReadPool({ timeoutMs: 300 });
  after(() => pool.close());
  const outcome = await pool.read({ bytes: small, kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.ok && outcome.result.forms[0]?.rows.length, 3);
});
