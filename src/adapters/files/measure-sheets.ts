/**
 * Inflates a workbook's parts once, measuring every worksheet and the shared strings against the
 * sheet limits (docs/limits.md), so exceljs never sees a sheet that would make it allocate
 * gigabytes. The same pass proves the declared sizes true: every part exceljs would inflate is
 * inflated here no further than its declared size (zip-part.ts), and one that would go past it
 * stops the pass. A form's parts are inflated in one call each; a part past
 * SYNC_INFLATE_MAX_BYTES streams, measured chunk by chunk, and stops at its first breach.
 */
import type { Problem } from '../../domain/forms/problem.js';
import { createSheetExtentScan, type CellTally } from '../../domain/files/sheet-extent.js';
import { sheetLimitProblem, type SheetLimitBreach, type SheetLimits } from '../../domain/files/sheet-limits.js';
import { fileProblems } from '../../domain/files/file-problems.js';
import { isSizeLie } from './zip-archive.js';
import { inflatePart, streamPart, SYNC_INFLATE_MAX_BYTES, type ZipPart } from './zip-part.js';

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const SHARED_STRINGS = /^xl\/sharedStrings\.xml$/i;

/**
 * Returns the first problem (a sheet past a limit, a size lie, a damaged zip) or null.
 * @param parts the zip's entries, as listed within the archive limits
 * @param prove whether to inflate a part that is not measured, to prove its size (by default every part)
 * @param keep given each part inflated in one call, once it is proven (its bytes are not copied)
 */
export async function measureSheets(
  bytes: Buffer, parts: readonly ZipPart[], fileName: string, limits: SheetLimits,
  prove: (part: ZipPart) => boolean = () => true, keep?: (part: ZipPart, inflated: Buffer) => void,
): Promise<Problem | null> {
  const tally: CellTally = { cells: 0 };
  let found: SheetLimitBreach | null = null;
  try {
    for (const part of parts) {
      if (part.isDirectory) continue;
      const measured = WORKSHEET.test(part.name) ? part.name : SHARED_STRINGS.test(part.name) ? '' : null;
      if (measured === null) {
        if (!prove(part)) continue;
        if (part.uncompressedSize <= SYNC_INFLATE_MAX_BYTES) {
          const inflated = inflatePart(bytes, part); // inflated whether or not it is kept: that is the proof
          keep?.(part, inflated);
        } else {
          await streamPart(bytes, part, () => false);
        }
        continue;
      }
      const scan = createSheetExtentScan(measured, limits, tally);
      if (part.uncompressedSize <= SYNC_INFLATE_MAX_BYTES) {
        const inflated = inflatePart(bytes, part);
        found = scan.push(inflated);
        if (!found) keep?.(part, inflated);
      } else {
        await streamPart(bytes, part, (chunk) => (found = scan.push(chunk)) !== null);
      }
      if (found) break;
    }
  } catch (err) {
    return isSizeLie(err) ? fileProblems.tooLarge(fileName, '的实际大小超过文件中声明的大小') : fileProblems.corrupt(fileName);
  }
  if (!found) return null;
  const breach: SheetLimitBreach = found;
  const sheet = breach.sheet === '' ? '' : sheetNames(bytes, parts).get(breach.sheet) ?? breach.sheet.replace(/^.*\//, '').replace(/\.xml$/i, '');
  return sheetLimitProblem(fileName, { ...breach, sheet });
}

/** Part path → the sheet's name as the unit sees it, from workbook.xml and its relationships. */
function sheetNames(bytes: Buffer, parts: readonly ZipPart[]): Map<string, string> {
  const names = new Map<string, string>();
  const part = (name: string): string => {
    const found = parts.find((p) => p.name === name);
    if (!found || found.uncompressedSize > SYNC_INFLATE_MAX_BYTES) return '';
    try {
      return inflatePart(bytes, found).toString('utf8');
    } catch {
      return '';
    }
  };
  const rels = new Map<string, string>();
  for (const m of part('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  for (const m of part('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
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
