/**
 * What crosses the thread boundary between the read pool and its threads: plain data only
 * (structured clone), so a reading thread shares nothing with the thread that watches the mailbox.
 */
import type { SheetLimits } from '../../../domain/files/sheet-limits.js';
import type { FormContext, FormDefinition, JudgedWorkbook } from '../../../domain/forms/types.js';

export interface ReadRequest {
  /** The file's bytes (a copy: the thread may die holding them). */
  bytes: Uint8Array;
  kind: 'xlsx' | 'csv';
  fileName: string;
  /**
   * The form definitions, sent once per thread: null when they are the thread's previous
   * request's (the pool compares the objects), so they are not cloned for every file.
   */
  definitions: FormDefinition[] | null;
  /** What the forms are judged with, in the thread, right after reading (docs/limits.md). */
  formContext: FormContext;
  sheetLimits: SheetLimits;
}

/** Sent once by a thread when it has loaded its modules (exceljs, and tsx in a checkout). */
export interface ThreadReady { ready: true }

export type ReadReply = { id: number; ok: true; result: JudgedWorkbook } | { id: number; ok: false; error: string };

/** Why a reading (and the judging that follows it) was given up: the thread's heap cap, its time limit, or the thread died. */
export type AbortReason = 'memory' | 'time' | 'crash';

export type ReadOutcome = { ok: true; result: JudgedWorkbook } | { ok: false; reason: AbortReason; detail: string };
