/**
 * Who sent a submission (docs/forms.md, "Who sent it"): the registry's sender address first, else the
 * unit written in the forms' header block (推荐单位 / 填报单位), else the subject line. When the
 * sources that name a unit disagree, or none does, the submission is held for the coordinator
 * instead of guessed. Pure.
 */
import type { Unit } from '../campaign/campaign-schema.js';
import { createUnitMatcher, type UnitMatcher, type UnitTextMatch } from './unit-matcher.js';

export type UnitSource = 'address' | 'header' | 'subject';

export interface HeldForCoordinator {
  reason: 'unknown_unit' | 'conflict';
  /** Chinese, for the coordinator's digest: what was found where. */
  detail: string;
}

export interface UnitIdentification {
  /** The unit's registry name, or null when held. */
  unit: string | null;
  by: UnitSource | null;
  held: HeldForCoordinator | null;
  /** Every unit some source named, in the order of trust; lets the coordinator pick when held. */
  candidates: string[];
}

export interface IdentifyUnitInput {
  fromAddress: string;
  /** The unit cells of the forms read from this message (推荐单位 / 填报单位), as written. */
  headerUnitTexts: readonly string[];
  subject: string;
  /** The registry, or a matcher built from it once (cheaper when identifying many messages). */
  units: readonly Unit[] | UnitMatcher;
}

const quote = (names: readonly string[]): string => names.map((n) => `「${n}」`).join('、');

export function identifyUnit(input: IdentifyUnitInput): UnitIdentification {
  const matcher = 'byText' in input.units ? input.units : createUnitMatcher(input.units);
  const byAddress = matcher.byAddress(input.fromAddress);
  const headers = input.headerUnitTexts
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => ({ text, match: matcher.byText(text) }));
  const subject = matcher.byText(input.subject);

  const candidates = [
    ...new Set([
      ...(byAddress ? [byAddress] : []),
      ...headers.flatMap((h) => namedUnits(h.match)),
      ...namedUnits(subject),
    ]),
  ];
  const held = (reason: HeldForCoordinator['reason'], detail: string): UnitIdentification => ({
    unit: null,
    by: null,
    held: { reason, detail },
    candidates,
  });

  // A header cell that names two units (`计算机学院、软件学院`) cannot be settled by any other source.
  const unclearHeader = headers.find((h) => h.match.status === 'ambiguous');
  if (unclearHeader) {
    return held('conflict', `表格单位栏“${unclearHeader.text}”同时提到了${quote(namedUnits(unclearHeader.match))}，无法确定是哪个单位。`);
  }
  const headerUnits = [...new Set(headers.flatMap((h) => namedUnits(h.match)))];

  let unit: string;
  let by: UnitSource;
  if (byAddress) {
    const other = headers.find((h) => h.match.status === 'unique' && h.match.unit !== byAddress);
    if (other) {
      return held('conflict', `发件地址 ${input.fromAddress} 登记为${quote([byAddress])}，但表格单位栏填写的是“${other.text}”（${quote(namedUnits(other.match))}）。`);
    }
    unit = byAddress;
    by = 'address';
  } else if (headerUnits.length > 1) {
    const texts = headers.filter((h) => h.match.status !== 'none').map((h) => `“${h.text}”`);
    return held('conflict', `同一封邮件中的表格填写的单位不一致：${texts.join('、')}（${quote(headerUnits)}）。`);
  } else if (headerUnits.length === 1) {
    unit = headerUnits[0]!;
    by = 'header';
  } else if (subject.status === 'unique') {
    return { unit: subject.unit, by: 'subject', held: null, candidates };
  } else if (subject.status === 'ambiguous') {
    return held('conflict', `发件地址 ${input.fromAddress || '（空）'} 未登记，表格中没有可识别的单位，邮件主题“${input.subject}”同时提到了${quote(subject.units)}。`);
  } else {
    return held('unknown_unit', unknownDetail(input, headers.map((h) => h.text)));
  }

  // Subjects often also name the office they are sent to (`致科研院：电信学院推荐表`), so the
  // subject disagrees only when it names units and the decided one is not among them.
  const subjectUnits = namedUnits(subject);
  if (subjectUnits.length > 0 && !subjectUnits.includes(unit)) {
    const decidedBy = by === 'address' ? `发件地址 ${input.fromAddress} 登记为` : '表格单位栏填写的是';
    return held('conflict', `${decidedBy}${quote([unit])}，但邮件主题“${input.subject}”提到的是${quote(subjectUnits)}。`);
  }
  return { unit, by, held: null, candidates };
}

function namedUnits(match: UnitTextMatch): string[] {
  if (match.status === 'unique') return [match.unit];
  if (match.status === 'ambiguous') return match.units;
  return [];
}

function unknownDetail(input: IdentifyUnitInput, headerTexts: readonly string[]): string {
  const address = input.fromAddress ? `发件地址 ${input.fromAddress} 未登记` : '发件地址为空';
  const header = headerTexts.length > 0 ? `表格单位栏“${headerTexts.join('”“')}”不是已登记的单位名称` : '表格中没有填写单位';
  const subject = `邮件主题“${input.subject}”中也没有已登记的单位名称`;
  return `无法确定发件单位：${address}，${header}，${subject}。请确认后在单位名录中补充该单位的名称或邮箱。`;
}
