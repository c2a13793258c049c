/**
 * Text normalisation for finding a unit's name in what people type: header cells filled in Excel
 * or WPS, subject lines typed on phones. The same function runs over registry labels and over the
 * searched text, so both sides agree on what a "character" is.
 */

/**
 * Seal and signature marks that templates print next to the unit field and units copy along:
 * `（盖章）`, `(公章)`, `（章）`, `（单位盖章）`, `（签字盖章）`, and the same words without brackets.
 * Matched after NFKC, so full-width brackets have already become ASCII ones.
 */
const SEAL_NOISE = /\((?:单位)?(?:加盖)?(?:签字)?(?:盖章|公章|签章|章|签字|印章)\)|(?:单位|加盖)?(?:盖章|公章|签章|印章)/g;

/**
 * Brackets and punctuation become one separator, so a name is never matched across a boundary
 * (`【电信】学院` is not `电信学院`) while `【电信学院】科技周` still contains `电信学院`.
 */
const SEPARATORS = /[()[\]{}<>【】〔〕〖〗「」『』《》〈〉:;,.!?、。，；：！？“”‘’"'`~|\\/_\-—–·•…]+/g;

/** The character that stands for any run of separators in normalised text. */
export const SEPARATOR = '|';

/**
 * Normalise text for name matching: NFKC (full-width → half-width, `（` → `(`, U+3000 → space),
 * lower case, seal marks removed, white space removed (people pad names: `计算机 学院`),
 * punctuation collapsed to SEPARATOR.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, '')
    .replace(SEAL_NOISE, '')
    .replace(SEPARATORS, SEPARATOR);
}
