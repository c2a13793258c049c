/**
 * The short reference a unit sees in the subject, e.g. `R-7K3F9Q`: six Crockford base-32 characters
 * (no I, L, O, U: nothing to misread when a person types it into a phone call or a mail) taken from
 * the submission's id hash, so the same submission always gets the same reference.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `R-` and 6 characters (30 bits) from the first hex digits of `hexDigest` (e.g. a SHA-256). */
export function submissionReference(hexDigest: string): string {
  const hex = hexDigest.replace(/[^0-9a-f]/gi, '').slice(0, 8);
  if (hex.length < 8) throw new Error('submissionReference needs at least 8 hex digits');
  let bits = Number.parseInt(hex, 16) >>> 2;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = CROCKFORD[bits & 31]! + out;
    bits >>>= 5;
  }
  return `R-${out}`;
}
