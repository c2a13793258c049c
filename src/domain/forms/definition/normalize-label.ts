/**
 * How a header text is compared: units retype headers, paste them from Word, add （必填） marks,
 * use full-width letters and break lines inside cells. Two texts that normalize alike mean the
 * same column. Shared by the definition check (aliases must not collide) and the reader.
 */
import { MAX_LABEL_TEXT } from '../form-limits.js';

/**
 * Normalized texts by text. Reading a sheet normalizes the same few hundred labels many times
 * (each definition's labels, against every candidate header band), and NFKC plus six regular
 * expressions was the reader's biggest cost; the result depends on the text alone. Bounded:
 * emptied when full, so a hostile sheet of unique texts costs what it cost before.
 */
const memo = new Map<string, string>();
const MEMO_SIZE = 4096;

export function normalizeLabel(text: string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const normalized = normalize(text);
  if (memo.size >= MEMO_SIZE) memo.clear();
  // A pasted page is not kept: only what could be a label is worth remembering.
  if (text.length <= MAX_LABEL_TEXT * 2) memo.set(text, normalized);
  return normalized;
}

function normalize(text: string): string {
  // A label is a few words: past MAX_LABEL_TEXT the rest cannot make it match, so it is not
  // read (a pasted page above the header costs what a label costs, docs/limits.md).
  return (
    text
      .slice(0, MAX_LABEL_TEXT * 2)
      // NFKC folds full-width letters, digits, brackets and colons to half-width, U+3000 to a space.
      .normalize('NFKC')
      .replace(/\s+/g, '')
      // Bracketed remarks: (必填) (单位：人) [选填] 【必填】 〔…〕
      .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>/g, '')
      .replace(/[*※★☆▲△●◆#]/g, '')
      .replace(/[:：]+$/, '')
      .toLowerCase()
  );
}
