/**
 * Writes the layout fixtures under test/fixtures/forms/layouts/ (checked in; run this to remake
 * them, LibreOffice needed: `apt-get install libreoffice-calc`):
 *   npx tsx scripts/make-layout-fixtures.ts
 * Each layout of scripts/layout-fixtures/ (forms as units draw them: multi-row headers, section,
 * 小计 and 合计 rows, footnotes, signature lines, header values beside or under their labels) is
 * drawn as a plain grid with exceljs, then written by LibreOffice itself as .xlsx, .ods, .xls and
 * .csv (UTF-8 and GBK) — the files units' own programs make. manifest.json names, for every
 * file, the verdict a coordinator gives it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { notReadableExpectation, type LayoutExpectation, type LayoutFormat, type LayoutSpec } from './layout-fixtures/layout-spec.js';
import { recommendationLayouts } from './layout-fixtures/recommendation-layouts.js';
import { reportLayouts } from './layout-fixtures/report-layouts.js';

const OUT = path.resolve('test/fixtures/forms/layouts');
const MANIFEST = 'manifest.json';

/**
 * LibreOffice's filter per format. CSV options: comma, double quote, then the character set as
 * an rtl_TextEncoding number (76 UTF-8, 85 GBK — names are ignored by this filter).
 */
const FILTERS: Record<LayoutFormat, { to: string; ext: string; suffix: string }> = {
  xlsx: { to: 'xlsx:Calc MS Excel 2007 XML', ext: 'xlsx', suffix: '.xlsx' },
  ods: { to: 'ods', ext: 'ods', suffix: '.ods' },
  xls: { to: 'xls:MS Excel 97', ext: 'xls', suffix: '.xls' },
  'csv-utf8': { to: 'csv:Text - txt - csv (StarCalc):44,34,76', ext: 'csv', suffix: '-utf8.csv' },
  'csv-gbk': { to: 'csv:Text - txt - csv (StarCalc):44,34,85', ext: 'csv', suffix: '-gbk.csv' },
};

export interface LayoutFixture {
  file: string;
  layout: string;
  format: LayoutFormat;
  sheet: string;
  story: string;
  producer: 'libreoffice';
  expect: LayoutExpectation;
}

function draw(spec: LayoutSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(spec.sheet);
  spec.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null) return;
      const cell = sheet.getCell(r + 1, c + 1);
      if (typeof value === 'object') {
        cell.value = new Date(`${value.date}T00:00:00Z`);
        cell.numFmt = 'yyyy-mm-dd';
      } else {
        cell.value = value;
      }
    });
  });
  for (const range of spec.merges) sheet.mergeCells(range);
  sheet.columns.forEach((col) => { col.width = 14; });
  return wb;
}

/** Converts the drawn workbooks with LibreOffice (its own profile dir, so a running instance is not disturbed). */
function convert(sources: string[], format: LayoutFormat, work: string): Map<string, Buffer> {
  const { to, ext } = FILTERS[format];
  const outDir = path.join(work, format);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', to, '--outdir', outDir, ...sources], { stdio: 'ignore', timeout: 180_000 });
  const out = new Map<string, Buffer>();
  for (const s of sources) {
    const stem = path.basename(s, '.xlsx');
    out.set(stem, fs.readFileSync(path.join(outDir, `${stem}.${ext}`)));
  }
  return out;
}

function expectationFor(spec: LayoutSpec, format: LayoutFormat): LayoutExpectation {
  return format === 'ods' || format === 'xls' ? notReadableExpectation(spec, format) : spec.expect;
}

const specs = [...recommendationLayouts, ...reportLayouts];
if (new Set(specs.map((s) => s.name)).size !== specs.length) throw new Error('two layouts share a name');

fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT)) fs.rmSync(path.join(OUT, f));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-layouts-'));
const fixtures: LayoutFixture[] = [];
try {
  const sources = new Map<string, string>();
  for (const spec of specs) {
    const file = path.join(work, `${spec.name}.xlsx`);
    fs.writeFileSync(file, Buffer.from(await draw(spec).xlsx.writeBuffer()));
    sources.set(spec.name, file);
  }
  for (const format of Object.keys(FILTERS) as LayoutFormat[]) {
    const chosen = specs.filter((s) => s.formats.includes(format));
    if (chosen.length === 0) continue;
    const made = convert(chosen.map((s) => sources.get(s.name)!), format, work);
    for (const spec of chosen) {
      const file = `${spec.name}${FILTERS[format].suffix}`;
      fs.writeFileSync(path.join(OUT, file), made.get(spec.name)!);
      fixtures.push({ file, layout: spec.name, format, sheet: spec.sheet, story: spec.story, producer: 'libreoffice', expect: expectationFor(spec, format) });
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
fixtures.sort((a, b) => a.file.localeCompare(b.file));
fs.writeFileSync(path.join(OUT, MANIFEST), `${JSON.stringify(fixtures, null, 2)}\n`);
console.log(`${fixtures.length} layout fixtures written to ${OUT}`);
