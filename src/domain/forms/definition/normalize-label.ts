/**
 * How a header text is compared: units retype headers, paste them from Word, add （必填） marks,
 * use full-width letters and break lines inside cells. Two texts that normalize alike mean the
 * same column. Shared by the definition check (aliases must not collide) and the reader.
 */
import { MAX_LABEL_TEXT } from '../form-limits.js';

export function normalizeLabel(text: string): string {
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
