/**
 * The digest's one line about the mail the worker did not touch: the coordinator should know it
 * is there (and that it was not kept or answered) without reading a list of her own mail.
 */
import { monthDay } from '../time/shanghai-time.js';

export interface LeftAlone {
  /** Mail since the last digest that nothing tied to the call: not kept, not answered. */
  unrelated: number;
  /** Mail in the watched folder received before the call opened: never read. */
  beforeOpening: number;
}

export function leftAloneLine(left: LeftAlone | undefined, opensAt: string, sinceLastDigest: boolean): string | null {
  if (!left || (left.unrelated === 0 && left.beforeOpening === 0)) return null;
  const parts: string[] = [];
  if (left.unrelated > 0) parts.push(`${sinceLastDigest ? '自上次汇总以来' : '近一天'}另有 ${left.unrelated} 封与本次征集无关的邮件，程序未处理、未保存、未回复`);
  if (left.beforeOpening > 0) parts.push(`征集开始（${monthDay(opensAt)}）前收到的 ${left.beforeOpening} 封旧邮件未读取`);
  return `${parts.join('；')}。`;
}
