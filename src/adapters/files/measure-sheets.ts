/**
 * Inflates a workbook's parts once, measuring every worksheet and the shared strings against the
 * sheet limits as the bytes stream by (docs/limits.md), so exceljs never sees a sheet that would
 * make it allocate gigabytes. The same pass proves the declared sizes true, as verifyZipInflates
 * does: a part that inflates past its declared size stops the pass.
 */
import type { Problem } from '../../domain/forms/problem.js';
import { createSheetExtentScan, type SheetExtentScan } from '../../domain/files/sheet-extent.js';
import { sheetLimitProblem, type SheetLimitBreach, type SheetLimits } from '../../domain/files/sheet-limits.js';
import { fileProblems } from '../../domain/files/file-problems.js';
import { extractZipEntry, isSizeLie, streamZipEntries } from './zip-archive.js';

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const SHARED_STRINGS = /^xl\/sharedStrings\.xml$/i;

/**
 * Returns the first problem (a sheet past a limit, a size lie, a damaged zip) or null.
 * @param everyPart also inflate the parts that are not measured, to prove their sizes (the default)
 */
export async function measureSheets(bytes: Buffer, fileName: string, limits: SheetLimits, everyPart = true): Promise<Problem | null> {
  const scans = new Map<string, SheetExtentScan>();
  const tally = { cells: 0 };
  let breach: SheetLimitBreach | null = null;
  try {
    await streamZipEntries(
      bytes,
      (info) => everyPart || WORKSHEET.test(info.name) || SHARED_STRINGS.test(info.name),
      (info, chunk) => {
        const measured = WORKSHEET.test(info.name) ? info.name : SHARED_STRINGS.test(info.name) ? '' : null;
        if (measured === null) return false;
        let scan = scans.get(info.name);
        if (!scan) scans.set(info.name, (scan = createSheetExtentScan(measured, limits, tally)));
        breach = scan.push(chunk);
        return breach !== null;
      },
    );
  } catch (err) {
    return isSizeLie(err) ? fileProblems.tooLarge(fileName, '的实际大小超过文件中声明的大小') : fileProblems.corrupt(fileName);
  }
  const found = breach as SheetLimitBreach | null;
  if (!found) return null;
  const sheet = found.sheet === '' ? '' : (await sheetNames(bytes)).get(found.sheet) ?? found.sheet.replace(/^.*\//, '').replace(/\.xml$/i, '');
  return sheetLimitProblem(fileName, { ...found, sheet });
}

/** Part path → the sheet's name as the unit sees it, from workbook.xml and its relationships. */
async function sheetNames(bytes: Buffer): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const part = async (name: string): Promise<string> => {
    const got = await extractZipEntry(bytes, name).catch(() => null);
    return got?.ok && got.bytes.length < 4 * 1024 * 1024 ? got.bytes.toString('utf8') : '';
  };
  const rels = new Map<string, string>();
  for (const m of (await part('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  for (const m of (await part('xl/workbook.xml')).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id ? rels.get(id) : undefined;
    if (name && target) names.set(target, unescapeXml(name));
  }
  return names;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}
