/**
 * How a header text is compared: units retype headers, paste them from Word, add （必填） marks,
 * use full-width letters and break lines inside cells. Two texts that normalize alike mean the
 * same column. Shared by the definition check (aliases must not collide) and the reader.
 */
export function normalizeLabel(text: string): string {
  return (
    text
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
