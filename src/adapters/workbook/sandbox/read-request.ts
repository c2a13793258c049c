/**
 * What crosses between the read pool and its reading processes: plain data only (the structured
 * clone, over the IPC channel), so a reading process shares nothing with the worker.
 */
import type { SheetLimits } from '../../../domain/files/sheet-limits.js';
import type { FormContext, FormDefinition, JudgedWorkbook } from '../../../domain/forms/types.js';

export interface ReadRequest {
  /** The file's bytes (a copy: the reading process may die holding them). */
  bytes: Uint8Array;
  kind: 'xlsx' | 'csv';
  fileName: string;
  /**
   * The form definitions, sent once per process: null when they are the process's previous
   * request's (the pool compares the objects), so they are not cloned for every file.
   */
  definitions: FormDefinition[] | null;
  /** What the forms are judged with, in the reading process, right after reading (docs/limits.md). */
  formContext: FormContext;
  sheetLimits: SheetLimits;
}

/** Sent once by a reading process when it has loaded its modules (exceljs, and tsx in a checkout). */
export interface ReaderReady { ready: true }

export type ReadReply = { id: number; ok: true; result: JudgedWorkbook } | { id: number; ok: false; error: string };

/** Why a reading (and the judging that follows it) was given up: the reading process's heap cap, its time limit, or the process died. */
export type AbortReason = 'memory' | 'time' | 'crash';

export type ReadOutcome = { ok: true; result: JudgedWorkbook } | { ok: false; reason: AbortReason; detail: string };
