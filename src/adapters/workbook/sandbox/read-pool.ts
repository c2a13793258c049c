/**
 * Reading in a sandbox (docs/limits.md): workbooks and .csv files are read, and their forms
 * judged cell by cell, on a small pool of worker threads, each with a V8 heap cap and a time
 * limit per file. A file that exhausts either ends its thread — the pool starts another — and
 * comes back as an aborted reading that the caller turns into a problem for the unit; the
 * process and the mailbox watcher go on. (Node's heap cap is not a hard guarantee far below the
 * default: docs/limits.md, "A known gap".)
 * Threads are kept between files (starting one and loading exceljs costs ~100 ms).
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_SHEET_LIMITS, type SheetLimits } from '../../../domain/files/sheet-limits.js';
import type { FormContext, FormDefinition } from '../../../domain/forms/types.js';
import type { AbortReason, ReadOutcome, ReadReply, ReadRequest, ThreadReady } from './read-request.js';

export interface ReadPoolOptions {
  /** Files read at once. @defaultValue 1 (the machine's other core serves the rest of the worker) */
  size?: number;
  /** V8 old-generation cap of each reading thread, in MB. @defaultValue 512 */
  maxHeapMb?: number;
  /** Longest one file may take to read and judge. @defaultValue 30000 ms */
  timeoutMs?: number;
  /** @defaultValue DEFAULT_SHEET_LIMITS */
  sheetLimits?: SheetLimits;
}

export interface ReadFile {
  bytes: Uint8Array;
  kind: 'xlsx' | 'csv';
  fileName: string;
  definitions: readonly FormDefinition[];
  /** The forms read are judged in the thread with this (activity window, year, row cap). */
  formContext: FormContext;
}

export interface WorkbookReader {
  read(file: ReadFile): Promise<ReadOutcome>;
  /** Starts the threads now, so the first mail does not wait for a thread to load exceljs. */
  warm(): void;
  /** Ends every thread; readings in flight end as aborted. */
  close(): Promise<void>;
}

interface Task { file: ReadFile; resolve(outcome: ReadOutcome): void }
interface Slot {
  worker: Worker | null; ready: boolean; task: Task | null; timer: NodeJS.Timeout | null;
  /** The definitions this slot's thread holds: sent once, not cloned with every file. */
  sent: readonly FormDefinition[] | null;
}

/**
 * A thread's time limit starts when it has loaded (seconds under tsx, on a loaded machine): a
 * slow start is not the file's doing. Loading gets this much on top, in case it never ends.
 */
const LOADING_ALLOWANCE_MS = 60_000;

export function createReadPool(options: ReadPoolOptions = {}): WorkbookReader {
  const size = Math.max(1, options.size ?? 1);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxHeapMb = options.maxHeapMb ?? 512;
  const sheetLimits = options.sheetLimits ?? DEFAULT_SHEET_LIMITS;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, ready: false, task: null, timer: null, sent: null }));
  const waiting: Task[] = [];
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot, outcome: ReadOutcome): void => {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    slot.worker?.unref();
    task?.resolve(outcome);
    dispatch();
  };

  const abort = (slot: Slot, reason: AbortReason, detail: string): void => {
    const worker = slot.worker;
    slot.worker = null; // its late events are ignored from now on
    void worker?.terminate();
    finish(slot, { ok: false, reason, detail });
  };

  const startTimer = (slot: Slot, ms: number): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => abort(slot, 'time', `reading took longer than ${timeoutMs} ms`), ms);
  };

  const spawn = (slot: Slot): Worker => {
    const [entry, boot] = workerEntry();
    const worker = new Worker(entry, {
      ...boot,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    slot.ready = false;
    slot.sent = null;
    const mine = (): boolean => slot.worker === worker && slot.task !== null;
    worker.on('message', (reply: ReadReply | ThreadReady) => {
      if ('ready' in reply) {
        if (slot.worker !== worker) return;
        slot.ready = true;
        if (slot.task) startTimer(slot, timeoutMs);
        return;
      }
      if (!mine()) return;
      finish(slot, reply.ok ? { ok: true, result: reply.result } : { ok: false, reason: 'crash', detail: reply.error });
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      if (!slot.task) { slot.worker = null; return; }
      abort(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', err.message);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      if (!slot.task) { slot.worker = null; return; }
      abort(slot, 'crash', `reading thread exited with code ${code}`);
    });
    worker.unref();
    return worker;
  };

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.task || waiting.length === 0 || closed) continue;
      const task = waiting.shift()!;
      slot.worker ??= spawn(slot);
      slot.task = task;
      slot.worker.ref();
      startTimer(slot, slot.ready ? timeoutMs : timeoutMs + LOADING_ALLOWANCE_MS);
      const { bytes, kind, fileName, definitions, formContext } = task.file;
      // The same definitions as this thread's last file (the same objects): not cloned again.
      const same = slot.sent !== null && slot.sent.length === definitions.length && slot.sent.every((d, i) => d === definitions[i]);
      slot.sent = [...definitions];
      const request: ReadRequest = { bytes, kind, fileName, definitions: same ? null : [...definitions], formContext, sheetLimits };
      slot.worker.postMessage({ id: nextId++, request });
    }
  }

  return {
    read(file) {
      if (closed) return Promise.resolve({ ok: false, reason: 'crash', detail: 'the read pool is closed' });
      return new Promise((resolve) => {
        waiting.push({ file, resolve });
        dispatch();
      });
    },
    warm() {
      if (closed) return;
      for (const slot of slots) slot.worker ??= spawn(slot);
    },
    async close() {
      closed = true;
      for (const task of waiting.splice(0)) task.resolve({ ok: false, reason: 'crash', detail: 'the read pool was closed' });
      await Promise.all(slots.map(async (slot) => {
        const worker = slot.worker;
        if (!worker) return;
        abort(slot, 'crash', 'the read pool was closed');
        await worker.terminate();
      }));
    },
  };
}

/**
 * The thread's module: the compiled .js in production; in a checkout, the .ts source loaded
 * through tsx, which a thread must register itself (Node 20 applies no loader hook, not even an
 * inherited `--import tsx`, to a thread's own entry file).
 */
function workerEntry(): [string | URL, { eval?: boolean; workerData?: unknown }] {
  if (!import.meta.url.endsWith('.ts')) return [new URL('./read-worker.js', import.meta.url), {}];
  const boot = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });`;
  return [boot, { eval: true, workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./read-worker.ts', import.meta.url).href } }];
}
