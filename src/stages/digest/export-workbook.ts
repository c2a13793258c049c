/**
 * The merged workbook from the store: every unit's CURRENT rows per form (a superseded version's
 * rows never appear), the report parts received so far, in registry order. Attached to the
 * digest and written by `inbox-worker export`.
 */
import type { Campaign } from '../../domain/campaign/campaign-schema.js';
import type { Writable } from 'node:stream';
import { buildMergedWorkbook, mergedWorkbookFileName, writeMergedWorkbook, type MergedSubmissionRows, type MergedWorkbookInput } from '../../adapters/workbook/export/index.js';
import type { FormDefinition, FormId } from '../../domain/forms/types.js';
import type { ReportParts } from '../../domain/recognition/index.js';
import { reportPartsCodec, rowValuesCodec } from '../../adapters/store/codecs.js';
import type { DigestRepo } from '../../adapters/store/digest-repo.js';

export interface MergedExportDeps {
  campaign: Campaign;
  /** Registry order. */
  units: readonly string[];
  definitions: Readonly<Record<FormId, FormDefinition>>;
  digests: DigestRepo;
}

export interface MergedExport {
  fileName: string;
  content: Buffer;
  /** Activity rows written, per form. */
  rows: Partial<Record<FormId, number>>;
}

export async function collectMergedInput(deps: MergedExportDeps, now: Date): Promise<MergedWorkbookInput> {
  const definitions = deps.campaign.deliverables.map((d) => deps.definitions[d.id]).filter((d): d is FormDefinition => Boolean(d));
  const forms = new Set<string>(definitions.map((d) => d.id));
  const bySubmission = new Map<string, { form: FormId; entry: MergedSubmissionRows & { rows: MergedSubmissionRows['rows'][number][] } }>();
  for (const r of await deps.digests.rowsOfCurrentVersions()) {
    // A version's rows belong to the form they were read as, which is the version's deliverable.
    if (!forms.has(r.form) || r.form !== r.deliverable) continue;
    const key = `${r.form}\u0000${r.unit}`;
    let group = bySubmission.get(key);
    if (!group) {
      group = { form: r.form as FormId, entry: { unit: r.unit, version: r.version, status: r.status, receivedAt: r.receivedAt, rows: [] } };
      bySubmission.set(key, group);
    }
    group.entry.rows.push({ rowNumber: r.rowNumber, values: rowValuesCodec.decode(r.valuesJson) });
  }
  const rows: Partial<Record<FormId, MergedSubmissionRows[]>> = {};
  for (const { form, entry } of bySubmission.values()) (rows[form] ??= []).push(entry);

  const reportParts: Record<string, ReportParts> = {};
  for (const p of await deps.digests.reportPartsByUnit()) {
    if (p.json) reportParts[p.unit] = reportPartsCodec.decode(p.json);
  }
  return { definitions, units: [...deps.units], rows, reportParts, generatedAt: now, title: deps.campaign.name };
}

function rowCounts(input: MergedWorkbookInput): Partial<Record<FormId, number>> {
  const counts: Partial<Record<FormId, number>> = {};
  for (const [form, subs] of Object.entries(input.rows) as [FormId, readonly MergedSubmissionRows[]][]) counts[form] = subs.reduce((n, s) => n + s.rows.length, 0);
  return counts;
}

export async function exportMergedWorkbook(deps: MergedExportDeps, now: Date): Promise<MergedExport> {
  const input = await collectMergedInput(deps, now);
  return { fileName: mergedWorkbookFileName(now), content: await buildMergedWorkbook(input), rows: rowCounts(input) };
}

/** `inbox-worker export`: the same workbook streamed to `out` (a file), never whole in memory. */
export async function streamMergedWorkbook(deps: MergedExportDeps, now: Date, out: Writable): Promise<Omit<MergedExport, 'content'>> {
  const input = await collectMergedInput(deps, now);
  await writeMergedWorkbook(input, out);
  return { fileName: mergedWorkbookFileName(now), rows: rowCounts(input) };
}
