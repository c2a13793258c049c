/**
 * What a row under the header is. Units draw more than activities into the table: section
 * titles (一、线下活动 merged across, （二）线上活动), 小计 and 合计 rows, footnotes (注：…) and
 * signature lines (填表人 / 审核人 / 日期). Those are recognised and skipped — listed as information,
 * never judged as activities. Everything else with a value is an activity.
 */
import type { GridView } from './grid.js';

export type RowKind = 'empty' | 'padding' | 'activity' | 'section' | 'subtotal' | 'totals' | 'footnote' | 'signature';

const TOTALS = /^(合计|总计|共计|总合计)[:：]?$/;
const SUBTOTAL = /^小计[:：]?$|^.{0,12}小计[:：]?$/;
/** 一、 （二） (3) 1. 第一部分 — a numbering at the start of a lone text. */
const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十\d]+[部类项])/;
const FOOTNOTE = /^(?:注|说明|备注|填表说明|数据来源|附注)\s*(?:\d|[:：.．、])/;
/** A signature label, then a colon, a bracket, a space or nothing (审核人：李四, 单位负责人签字, （盖章）). */
const SIGNATURE = /^(?:单位负责人签字|单位负责人签章|填表人|填报人|制表人|审核人|单位负责人|负责人签字|签字|签名|单位盖章|盖章|\(盖章\)|填表日期|填报日期|日期)(?:[:：(\s]|$)/;

/** Characters of a text the row patterns look at: 合计 and 小计 rows, numbering and labels are short. */
const HEAD = 40;

export interface RowFacts {
  /** Distinct non-empty cells of the row in the table's width, left to right (a merge once). */
  texts: string[];
  /** How many distinct cells hold anything (text, number or date). */
  filled: number;
  /** Whether only the 序号 column holds something (template padding). */
  onlySerial: boolean;
  /** Widest merge among the row's cells, in columns. */
  widestMerge: number;
}

export function rowFacts(view: GridView, r: number, width: number, serialCol: number | null): RowFacts {
  const texts: string[] = [];
  let filled = 0;
  let onlySerial = true;
  let widestMerge = 1;
  for (let c = 1; c <= width; c++) {
    if (!view.isMaster(r, c)) continue;
    const cell = view.at(r, c);
    if (!cell || cell.value === null) continue;
    filled++;
    if (c !== serialCol) onlySerial = false;
    const text = view.text(r, c);
    if (text) texts.push(text);
    const m = view.mergeAt(r, c);
    if (m) widestMerge = Math.max(widestMerge, m.right - m.left + 1);
  }
  return { texts, filled, onlySerial, widestMerge };
}

/** The kind of a row, from its facts and the table's width. `afterTotals`: the 合计 row is above. */
export function rowKind(f: RowFacts, width: number, afterTotals: boolean): RowKind {
  if (f.filled === 0) return 'empty';
  // Every kind but an activity is told by a short text or the start of one: the patterns see at
  // most HEAD characters, so a pasted page in a row costs no more than a label (docs/limits.md).
  const compact = f.texts.map((t) => t.slice(0, HEAD * 4).replace(/\s+/g, '').slice(0, HEAD));
  if (compact.some((t) => TOTALS.test(t))) return 'totals';
  if (compact.some((t) => SUBTOTAL.test(t))) return 'subtotal';
  const first = (f.texts[0] ?? '').slice(0, HEAD);
  if (SIGNATURE.test(first)) return 'signature';
  if (FOOTNOTE.test(first)) return 'footnote';
  const lone = f.filled === 1 && f.texts.length === 1;
  if (lone && (NUMBERING.test(first) || f.widestMerge * 2 >= width)) return 'section';
  // Under the 合计 row there are only notes and signatures, whatever they say.
  if (afterTotals) return f.texts.length > 0 ? 'footnote' : 'empty';
  if (f.onlySerial) {
    // A number is template padding; a text alone in the 序号 column is a title (线上活动), not an activity.
    return f.texts.length === 0 || /^\d+$/.test(first) ? 'padding' : 'section';
  }
  return 'activity';
}
