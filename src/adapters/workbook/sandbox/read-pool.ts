/**
 * Reading in a sandbox (docs/limits.md): workbooks and .csv files are read, and their forms
 * judged cell by cell, in a small pool of child processes, each with its own V8 heap cap
 * (`--max-old-space-size`) and a time limit per file. A file that exhausts either ends that
 * process — V8 aborts it, or the pool kills it — and comes back as an aborted reading that the
 * caller turns into a problem for the unit; the pool starts another process for the next file.
 * Processes, not worker threads: a thread's heap cap is not a hard guarantee, and a thread that
 * allocates past it fast enough aborts the whole worker (docs/limits.md, "Why processes").
 * Processes are kept between files (starting one and loading exceljs costs ~0.5 s).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SHEET_LIMITS, type SheetLimits } from '../../../domain/files/sheet-limits.js';
import type { FormContext, FormDefinition } from '../../../domain/forms/types.js';
import type { AbortReason, ReadOutcome, ReadReply, ReadRequest, ReaderReady } from './read-request.js';

export interface ReadPoolOptions {
  /** Files read at once. @defaultValue 1 (the machine's other core serves the rest of the worker) */
  size?: number;
  /** V8 old-generation cap of each reading process, in MB. @defaultValue 512 */
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
  /** The forms read are judged in the reading process with this (activity window, year, row cap). */
  formContext: FormContext;
}

export interface WorkbookReader {
  read(file: ReadFile): Promise<ReadOutcome>;
  /** Starts the processes now, so the first mail does not wait for one to load exceljs. */
  warm(): void;
  /** Ends every process; readings in flight end as aborted. */
  close(): Promise<void>;
}

interface Task { file: ReadFile; resolve(outcome: ReadOutcome): void }
interface Slot {
  reader: ChildProcess | null; ready: boolean; task: Task | null; timer: NodeJS.Timeout | null;
  /** The definitions this slot's process holds: sent once, not serialized with every file. */
  sent: readonly FormDefinition[] | null;
  /**
   * The start of what the process wrote to stderr: V8's "FATAL ERROR" line when it aborts (it
   * comes after a few lines of GC trace and before a native stack trace of any length).
   */
  stderrHead: string;
}

/**
 * A process's time limit starts when it has loaded (seconds under tsx, on a loaded machine): a
 * slow start is not the file's doing. Loading gets this much on top, in case it never ends.
 */
const LOADING_ALLOWANCE_MS = 60_000;
/** Young-generation semi-space of a reading process, in MB (a form read allocates many short-lived cells). */
const SEMI_SPACE_MB = 16;
const STDERR_HEAD_CHARS = 16_000;
/** How long an idle process is given to exit by itself when the pool closes, before it is killed. */
const RETIRE_GRACE_MS = 2_000;

export function createReadPool(options: ReadPoolOptions = {}): WorkbookReader {
  const size = Math.max(1, options.size ?? 1);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxHeapMb = options.maxHeapMb ?? 512;
  const sheetLimits = options.sheetLimits ?? DEFAULT_SHEET_LIMITS;
  const slots: Slot[] = Array.from({ length: size }, () => ({ reader: null, ready: false, task: null, timer: null, sent: null, stderrHead: '' }));
  const waiting: Task[] = [];
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot, outcome: ReadOutcome): void => {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    if (slot.reader) holdOpen(slot.reader, false);
    task?.resolve(outcome);
    dispatch();
  };

  const abort = (slot: Slot, reason: AbortReason, detail: string): void => {
    const reader = slot.reader;
    slot.reader = null; // its late events are ignored from now on
    reader?.kill('SIGKILL');
    finish(slot, { ok: false, reason, detail });
  };

  const startTimer = (slot: Slot, ms: number): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => abort(slot, 'time', `reading took longer than ${timeoutMs} ms`), ms);
  };

  const spawn = (slot: Slot): ChildProcess => {
    const [entry, loader] = readerEntry();
    const reader = fork(entry, [], {
      execArgv: [...loader, ...profilingFlags(), `--max-old-space-size=${maxHeapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`],
      // The structured clone (as between threads, not JSON): the file's bytes and the judged forms cross as typed data.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    slot.ready = false;
    slot.sent = null;
    slot.stderrHead = '';
    const mine = (): boolean => slot.reader === reader && slot.task !== null;
    reader.stderr?.setEncoding('utf8');
    reader.stderr?.on('data', (chunk: string) => {
      if (slot.reader === reader && slot.stderrHead.length < STDERR_HEAD_CHARS) slot.stderrHead = (slot.stderrHead + chunk).slice(0, STDERR_HEAD_CHARS);
    });
    reader.on('message', (reply: ReadReply | ReaderReady) => {
      if ('ready' in reply) {
        if (slot.reader !== reader) return;
        slot.ready = true;
        if (slot.task) startTimer(slot, timeoutMs);
        return;
      }
      if (!mine()) return;
      finish(slot, reply.ok ? { ok: true, result: reply.result } : { ok: false, reason: 'crash', detail: reply.error });
    });
    reader.on('error', (err) => {
      // Spawning failed, or a message could not be sent: the process is of no further use.
      if (slot.reader !== reader) return;
      if (!slot.task) { slot.reader = null; reader.kill('SIGKILL'); return; }
      abort(slot, 'crash', err.message);
    });
    whenGone(reader, (code, signal) => {
      if (slot.reader !== reader) return;
      if (!slot.task) { slot.reader = null; return; }
      const [reason, detail] = whyItEnded(code, signal, slot.stderrHead);
      abort(slot, reason, detail);
    });
    holdOpen(reader, false);
    return reader;
  };

  /**
   * Ends a slot's process for good: one that is reading is killed (its reading ends as aborted),
   * an idle one is let go (it exits by itself when its channel closes, as a process should);
   * either way this resolves once the process has gone.
   */
  async function retire(slot: Slot): Promise<void> {
    const reader = slot.reader;
    if (!reader) return;
    if (reader.exitCode !== null || reader.signalCode !== null) { slot.reader = null; return; }
    const gone = new Promise<void>((resolve) => whenGone(reader, () => resolve()));
    holdOpen(reader, true); // until it has gone: close() resolves when no reader is left
    if (slot.task) {
      abort(slot, 'crash', 'the read pool was closed');
    } else {
      slot.reader = null;
      reader.disconnect();
    }
    const stuck = setTimeout(() => reader.kill('SIGKILL'), RETIRE_GRACE_MS);
    await gone;
    clearTimeout(stuck);
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.task || waiting.length === 0 || closed) continue;
      const task = waiting.shift()!;
      slot.reader ??= spawn(slot);
      slot.task = task;
      holdOpen(slot.reader, true);
      startTimer(slot, slot.ready ? timeoutMs : timeoutMs + LOADING_ALLOWANCE_MS);
      const { bytes, kind, fileName, definitions, formContext } = task.file;
      // The same definitions as this process's last file (the same objects): not sent again.
      const same = slot.sent !== null && slot.sent.length === definitions.length && slot.sent.every((d, i) => d === definitions[i]);
      slot.sent = [...definitions];
      const request: ReadRequest = { bytes, kind, fileName, definitions: same ? null : [...definitions], formContext, sheetLimits };
      slot.reader.send({ id: nextId++, request });
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
      for (const slot of slots) slot.reader ??= spawn(slot);
    },
    async close() {
      closed = true;
      for (const task of waiting.splice(0)) task.resolve({ ok: false, reason: 'crash', detail: 'the read pool was closed' });
      await Promise.all(slots.map((slot) => retire(slot)));
    },
  };
}

/**
 * An idle reading process must not keep the worker (or `check`) alive: while no file is being
 * read, the process, its message channel and its stderr pipe are left out of the event loop's count.
 */
function holdOpen(reader: ChildProcess, hold: boolean): void {
  const stderr = reader.stderr as (NodeJS.ReadableStream & { ref(): void; unref(): void }) | null; // a pipe: a net.Socket
  const handles: Array<{ ref(): void; unref(): void } | null | undefined> = [reader, reader.channel, stderr];
  for (const h of handles) {
    if (h && hold) h.ref();
    else if (h) h.unref();
  }
}

/**
 * Calls back once the process has exited and its stderr is drained, so V8's last words have
 * arrived. (Not the 'close' event: Node does not emit it for a child whose channel the parent
 * disconnected, as `retire` does.)
 */
function whenGone(reader: ChildProcess, gone: (code: number | null, signal: NodeJS.Signals | null) => void): void {
  let pending = reader.stderr ? 2 : 1;
  let status: [number | null, NodeJS.Signals | null] = [null, null];
  const one = (): void => { if (--pending === 0) gone(...status); };
  reader.once('exit', (code, signal) => { status = [code, signal]; one(); });
  reader.stderr?.once('close', one);
}

/**
 * Why a reading process ended mid-file. V8 ends a process that reaches its heap cap with
 * "FATAL ERROR: … heap limit" (or "… out of memory") on stderr and SIGABRT; anything else is a crash.
 */
function whyItEnded(code: number | null, signal: NodeJS.Signals | null, stderr: string): [AbortReason, string] {
  const how = signal ? `signal ${signal}` : `code ${code}`;
  const lastWords = stderr.split('\n').find((line) => line.includes('FATAL ERROR')) ?? '';
  if (/heap limit|out of memory/i.test(lastWords)) return ['memory', `reading process ran out of memory (${how}): ${lastWords.trim()}`];
  return ['crash', `reading process exited with ${how}${lastWords ? `: ${lastWords.trim()}` : ''}`];
}

/**
 * The reading process's module: the compiled .js in production; in a checkout, the .ts source
 * with tsx's loader, as the checkout's own process runs it.
 */
function readerEntry(): [string, string[]] {
  if (!import.meta.url.endsWith('.ts')) return [fileURLToPath(new URL('./read-worker.js', import.meta.url)), []];
  return [fileURLToPath(new URL('./read-worker.ts', import.meta.url)), ['--import', import.meta.resolve('tsx')]];
}

/** A profiled worker (`bench:e2e --profile`) profiles its readers too: their CPU is the worker's. */
function profilingFlags(): string[] {
  return process.execArgv.filter((arg) => arg.startsWith('--cpu-prof'));
}
