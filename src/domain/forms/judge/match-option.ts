/**
 * Matches what a unit typed in a dropdown column to one of the options, forgiving what a
 * person would not call a different answer:
 * - full-width/half-width and white space (`成果 科普`, `线上 线下`);
 * - the category's number in front, when it is that option's own number in the notice's list
 *   (`3 成果科普`, `3.成果科普`, `3、成果科普`) — a wrong number (`2 成果科普`) is not guessed at;
 * - an option made of two others joined or reordered (`线上+线下`, `线下/线上` → `线上线下`).
 * Anything else is not matched: the unit is asked to pick from the list.
 */
import { compact } from './normalize.js';
import { MAX_PARSED_TEXT } from '../form-limits.js';

const CONNECTORS = /[+、/&,，和与及]/gu;

/** The canonical option the text means, or null. */
export function matchOption(text: string, options: readonly string[]): string | null {
  if (text.length > MAX_PARSED_TEXT) return null;
  const value = compact(text);
  const norm = options.map((o) => compact(o));
  const exact = norm.indexOf(value);
  if (exact >= 0) return options[exact] ?? null;

  const numbered = /^(\d{1,2})(?:[.、:)]|\s)*(.+)$/u.exec(value);
  if (numbered) {
    const i = Number(numbered[1]) - 1;
    if (norm[i] === numbered[2]) return options[i] ?? null;
  }

  const joined = value.replace(CONNECTORS, '');
  for (const [i, option] of norm.entries()) {
    for (const a of norm) {
      for (const b of norm) {
        if (a === b || a + b !== option) continue;
        if (joined === a + b || joined === b + a) return options[i] ?? null;
      }
    }
  }
  return null;
}
