/**
 * Writes the rule fixtures under test/fixtures/forms/rules/ (checked in; run this to remake them):
 *   npx tsx scripts/make-rule-fixtures.ts
 * From the shipped definitions (config/forms.yaml + campaign): a valid filled form of each kind,
 * then one .xlsx per broken rule — the valid form with exactly one rule broken at a known cell —
 * a few of them re-saved by LibreOffice (lo-*.xlsx, another producer's file), and manifest.json
 * naming for each file the rule, cell, column, value and the full message from the judge's registry.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCampaignConfig } from '../src/config/load-config.js';
import { loadFormDefinitions } from '../src/config/form-definitions.js';
import type { FormDefinition, FormId } from '../src/domain/forms/types.js';
import { buildFilledWorkbook } from '../test/domain/forms/fixture-builder.js';
import { recommendationCases } from '../test/domain/forms/rules/recommendation-cases.js';
import { reportCases } from '../test/domain/forms/rules/report-cases.js';
import { BROKEN, caseKit, type RuleCase, type RuleFixture } from '../test/domain/forms/rules/rule-kit.js';
import { recommendationHeader, recommendationRows, reportHeader, reportRows } from '../test/domain/forms/rules/valid-forms.js';

const OUT = path.resolve('test/fixtures/forms/rules');
const MANIFEST = 'manifest.json';
/** Rules proven again on LibreOffice's re-save: a text date, a text count, 合计, header, links, a deleted column. */
const RESAVED_BY_LIBREOFFICE = [
  'recommendation-valid',
  'report-valid',
  'recommendation-date-unrecognised',
  'recommendation-participants-about',
  'recommendation-end-after-window',
  'recommendation-header-email-invalid',
  'recommendation-column-summary-deleted',
  'report-totals-mismatch',
  'report-links-missing',
  'report-offline-attendance-zero',
];

const { campaign } = loadCampaignConfig('config');
const defs = loadFormDefinitions('config', campaign);
const valid: Record<FormId, { header: Record<string, unknown>; rows: () => Record<string, unknown>[]; cases: RuleCase[] }> = {
  recommendation: { header: recommendationHeader, rows: recommendationRows, cases: recommendationCases },
  report: { header: reportHeader, rows: reportRows, cases: reportCases },
};

async function writeCase(def: FormDefinition, c: RuleCase | null): Promise<RuleFixture> {
  const base = valid[def.id];
  const rows = c?.rows ?? base.rows().map((r, i) => (i === BROKEN ? { ...r, ...c?.row } : r));
  const filled = buildFilledWorkbook(def, campaign, { header: { ...base.header, ...c?.header }, rows, ...(c?.totals ? { totals: c.totals } : {}) });
  const kit = caseKit(def, campaign);
  c?.alter?.(filled, kit);
  const file = `${c?.name ?? `${def.id}-valid`}.xlsx`;
  fs.writeFileSync(path.join(OUT, file), Buffer.from(await filled.workbook.xlsx.writeBuffer()));
  if (!c) return { file, form: def.id, sheet: def.sheetName, rule: null, story: `a unit sends a fully valid ${def.sheetName}`, producer: 'exceljs', problems: [] };
  const { problem, params } = c.expect(kit);
  return {
    file,
    form: def.id,
    sheet: def.sheetName,
    rule: problem.code,
    story: c.story,
    producer: 'exceljs',
    ...(c.written === undefined ? {} : { written: c.written }),
    params,
    problems: [problem],
  };
}

/** Re-saves files with LibreOffice (its own profile dir, so a running instance is not disturbed). */
function resaveWithLibreOffice(files: string[]): Map<string, Buffer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-rules-'));
  const out = new Map<string, Buffer>();
  try {
    const inputs = files.map((f) => path.join(OUT, f));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'xlsx', '--outdir', path.join(tmp, 'out'), ...inputs], { stdio: 'ignore', timeout: 180_000 });
    for (const f of files) out.set(f, fs.readFileSync(path.join(tmp, 'out', f)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT)) if (f.endsWith('.xlsx') || f === MANIFEST) fs.rmSync(path.join(OUT, f));

const fixtures: RuleFixture[] = [];
for (const def of [defs.recommendation, defs.report]) {
  fixtures.push(await writeCase(def, null));
  for (const c of valid[def.id].cases) fixtures.push(await writeCase(def, c));
}
const names = new Set(fixtures.map((f) => f.file));
if (names.size !== fixtures.length) throw new Error('two rule cases share a file name');

const chosen = fixtures.filter((f) => RESAVED_BY_LIBREOFFICE.includes(f.file.replace(/\.xlsx$/, '')));
if (chosen.length !== RESAVED_BY_LIBREOFFICE.length) throw new Error('a LibreOffice case names no fixture');
const resaved = resaveWithLibreOffice(chosen.map((f) => f.file));
for (const f of chosen) {
  const file = `lo-${f.file}`;
  fs.writeFileSync(path.join(OUT, file), resaved.get(f.file)!);
  fixtures.push({ ...f, file, story: `${f.story}, in a file saved by LibreOffice`, producer: 'libreoffice' });
}

fs.writeFileSync(path.join(OUT, MANIFEST), `${JSON.stringify(fixtures, null, 2)}\n`);
console.log(`${fixtures.length} rule fixtures written to ${OUT}`);
