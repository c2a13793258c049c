/**
 * Counts the work text parsing does, without a clock (docs/limits.md). Every regular-expression
 * match and every String#normalize call is recorded with the length of the text it was handed;
 * the work of a call is bounded by that length for a pattern that runs in linear time, and by
 * its square for any other (backtracking). So a parser whose other patterns only ever see short,
 * capped text does work bounded by a small multiple of its input, and this bound is a number the
 * tests can compare, the same on every machine and under any load.
 *
 * V8 runs `test`, `replace`, `split`, `match` and `matchAll` through RegExp.prototype.exec once it
 * is replaced, so wrapping `exec` sees them all.
 */

/**
 * Patterns that run in linear time on any text: one character class repeated, anchored or
 * global, so each attempt either consumes or fails at once. Each is used on whole cells.
 */
const LINEAR = new Set([
  '\\s+', // compact(): white space removed
  '[\\s;,、]+', // parseUrlsCell: split into tokens
  '[&<>"\']', // escapeHtml
  '\\r?\\n|$', // csvGrid: the end of the first line (each position is decided in one or two characters)
]);

export interface Work {
  /** Bound on the steps: Σ length for linear patterns and normalize, Σ length² for the others. */
  bound: number;
  /** Longest text handed to a pattern not known to be linear. */
  longestToBacktracking: number;
  /** Sources of the patterns that saw text longer than `cap`, with the length they saw. */
  longHanded: Map<string, number>;
}

export function countWork(run: () => void, cap: number): Work {
  const exec = RegExp.prototype.exec;
  const normalize = String.prototype.normalize;
  const work: Work = { bound: 0, longestToBacktracking: 0, longHanded: new Map() };
  RegExp.prototype.exec = function (this: RegExp, text: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const length = Math.max(0, String(text).length - from);
    const result = exec.call(this, text);
    if (LINEAR.has(this.source)) {
      // A linear pattern scans from `from` to the end of its match, or to the end of the text.
      const end = result ? result.index + result[0].length : from + length;
      work.bound += end - from + 1;
    } else {
      work.bound += (length + 1) * (length + 1);
      work.longestToBacktracking = Math.max(work.longestToBacktracking, length);
      if (length > cap) work.longHanded.set(this.source, Math.max(work.longHanded.get(this.source) ?? 0, length));
    }
    return result;
  };
  String.prototype.normalize = function (this: string, form?: string) {
    work.bound += this.length + 1;
    return normalize.call(this, form);
  };
  try {
    run();
  } finally {
    RegExp.prototype.exec = exec;
    String.prototype.normalize = normalize;
  }
  return work;
}
