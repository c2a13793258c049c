/**
 * Forms validated per second — readWorkbook (file inspection, exceljs `load`, header matching,
 * rows) + judgeForm for every form found — against exceljs's bare `xlsx.load` of the same bytes.
 */
import ExcelJS from 'exceljs';
import type { Campaign } from '../src/domain/campaign/campaign-schema.js';
import { formContext } from '../src/config/form-definitions.js';
import { judgeForm } from '../src/domain/forms/judge/index.js';
import { readWorkbook } from '../src/adapters/workbook/read/index.js';
import type { FormDefinition, FormId } from '../src/domain/forms/types.js';
import type { FormFile } from './form-inputs.js';
import { compareRates, elapsedMs, type Rates } from './measure.js';

export interface FormsSetup {
  campaign: Campaign;
  defs: Record<FormId, FormDefinition>;
}

export async function loadBare(bytes: Buffer): Promise<void> {
  await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
}

/** Reads and judges one file as the validate job does; returns the number of error problems. */
export async function readAndJudge(file: FormFile, setup: FormsSetup): Promise<number> {
  const read = await readWorkbook(file.bytes, [setup.defs.recommendation, setup.defs.report], file.name);
  let errors = read.problems.filter((p) => p.severity === 'error').length;
  if (read.forms.length === 0) errors++;
  const ctx = formContext(setup.campaign);
  for (const form of read.forms) errors += judgeForm(form, setup.defs[form.formId], ctx).problems.filter((p) => p.severity === 'error').length;
  return errors;
}

/**
 * Rates over `files` read round-robin, `perRun` files per timed run. A workload that does not
 * judge clean would time an early exit, not the work: that stops the benchmark.
 */
export async function benchForms(files: FormFile[], setup: FormsSetup, perRun: number, runs: number): Promise<Rates> {
  for (const file of files) {
    const errors = await readAndJudge(file, setup);
    if (errors > 0) throw new Error(`bench input ${file.name} is not a valid form (${errors} errors): fix the input before timing it`);
  }
  const pick = (i: number): FormFile => files[i % files.length]!;
  return compareRates(
    perRun,
    runs,
    () => elapsedMs(async () => {
      for (let i = 0; i < perRun; i++) await loadBare(pick(i).bytes);
    }),
    () => elapsedMs(async () => {
      for (let i = 0; i < perRun; i++) await readAndJudge(pick(i), setup);
    }),
  );
}
