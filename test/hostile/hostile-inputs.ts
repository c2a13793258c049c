/**
 * The hostile inputs of issue 11, made at test time (nothing large is committed): each starts
 * from a valid recommendation form built from the shipped template and breaks it the way an
 * attacker or an unlucky unit would. Cheap to make: sheet XML is patched as text, and the 1 GB
 * zip entry is declared, not written.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { extractZipEntry, listZipArchive } from '../../src/adapters/files/index.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { writeZip, type ZipFixtureEntry } from '../domain/forms/zip-writer.js';

const UNIT = '电气工程学院';
const SHEET = 'xl/worksheets/sheet1.xml';

export function validForm(rows = 3): Promise<Buffer> {
  return recommendationForm(UNIT, Array.from({ length: rows }, (_, i) => activity(i + 1)));
}

/** The parts of an .xlsx, to patch and zip again. */
async function partsOf(xlsx: Buffer): Promise<ZipFixtureEntry[]> {
  const listing = await listZipArchive(xlsx);
  if (!listing.ok) throw new Error('not a zip');
  const out: ZipFixtureEntry[] = [];
  for (const e of listing.entries) {
    const got = await extractZipEntry(xlsx, e.name);
    if (!got.ok) throw new Error(`cannot extract ${e.name}`);
    out.push({ name: e.name, data: got.bytes });
  }
  return out;
}

function patch(parts: ZipFixtureEntry[], name: string, edit: (xml: string) => string): void {
  const part = parts.find((p) => p.name === name);
  if (!part) throw new Error(`no part ${name}`);
  part.data = Buffer.from(edit(part.data.toString('utf8')), 'utf8');
}

/** A valid form plus one cell at XFD1048576, the last cell Excel has: ~16 KB. */
export async function farCellBomb(): Promise<Buffer> {
  const parts = await partsOf(await validForm());
  patch(parts, SHEET, (xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
  return writeZip(parts);
}

/**
 * A valid form whose title row holds a text of `chars` characters above the header: varied
 * Chinese characters (a fixed pseudo-random sequence), so the file does not compress like a bomb
 * and it is the text itself that must be refused.
 */
export async function longHeaderCell(chars: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await validForm()) as unknown as ArrayBuffer);
  let seed = 7;
  let text = '';
  for (let i = 0; i < chars; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    text += String.fromCharCode(0x4e00 + (seed % 3000));
  }
  wb.worksheets[0]!.getCell('H1').value = text;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid form whose first activity's phone is `spaces` spaces and then a number. */
export function spacedPhone(spaces: number): Promise<Buffer> {
  return recommendationForm(UNIT, [activity(1, { leaderPhone: `${' '.repeat(spaces)}13800138000` }), activity(2)]);
}

/**
 * A form with `rows` activity rows (its first, then the rest from row 100), written as sheet XML
 * directly (exceljs would take minutes to write 200,000 rows): a number, a name and a category.
 */
export async function manyRows(rows: number, extraColumns = 0): Promise<Buffer> {
  const parts = await partsOf(await validForm(1));
  // `extraColumns` more text cells per row (from column D) make a sheet slow to read within the cell limit.
  const extra = (r: number) => Array.from({ length: extraColumns }, (_, i) => `<c r="${String.fromCharCode(68 + i)}${r}" t="inlineStr"><is><t>说明${r}-${i}</t></is></c>`).join('');
  patch(parts, SHEET, (xml) => {
    const body: string[] = [];
    for (let r = 100; r < 100 + rows - 1; r++) {
      body.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>活动${r}</t></is></c><c r="C${r}" t="inlineStr"><is><t>成果科普</t></is></c>${extra(r)}</row>`);
    }
    return xml.replace(/<\/sheetData>/, `${body.join('')}</sheetData>`).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:M20"/>');
  });
  return writeZip(parts);
}

/** A zip holding one "推荐表.xlsx" that declares 1 GB (at a ratio of ~170, under the ratio check). */
export function zipWithGiantEntry(): Buffer {
  const packed = crypto.randomBytes(6 * 1024 * 1024);
  return writeZip([{ name: '推荐表.xlsx', data: Buffer.alloc(0), declaredSize: 1_000_000_000, packed }]);
}

/** One workbook with `copies` copies of the filled form sheet (4 activities each). */
export async function copiedSheets(copies: number): Promise<Buffer> {
  const parts = await partsOf(await validForm(4));
  const sheet = parts.find((p) => p.name === SHEET)!;
  const sheetRels = parts.find((p) => p.name === 'xl/worksheets/_rels/sheet1.xml.rels');
  const sheets: string[] = [];
  const rels: string[] = [];
  const types: string[] = [];
  for (let i = 2; i <= copies; i++) {
    parts.push({ name: `xl/worksheets/sheet${1000 + i}.xml`, data: sheet.data });
    if (sheetRels) parts.push({ name: `xl/worksheets/_rels/sheet${1000 + i}.xml.rels`, data: sheetRels.data });
    sheets.push(`<sheet name="推荐表 (${i})" sheetId="${1000 + i}" r:id="rIdCopy${i}"/>`);
    rels.push(`<Relationship Id="rIdCopy${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${1000 + i}.xml"/>`);
    types.push(`<Override PartName="/xl/worksheets/sheet${1000 + i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  }
  patch(parts, 'xl/workbook.xml', (xml) => xml.replace('</sheets>', `${sheets.join('')}</sheets>`));
  patch(parts, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('</Relationships>', `${rels.join('')}</Relationships>`));
  patch(parts, '[Content_Types].xml', (xml) => xml.replace('</Types>', `${types.join('')}</Types>`));
  return writeZip(parts);
}
