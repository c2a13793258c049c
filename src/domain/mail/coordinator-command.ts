/**
 * What the coordinator says when she answers a held submission from her own mail client: a
 * unit's name (assign the mail to it), "通过"/"accept" (accept it despite its problems), or both.
 * Only her own words count — the quoted original below them is ignored. Pure.
 */
export interface CoordinatorCommand {
  /** The text that named a unit, for the matcher (null when none was written). */
  unitText: string | null;
  accept: boolean;
}

/** Lines where a mail client starts quoting the message answered. */
const QUOTE_START = [/^>/, /^-{2,}\s*(original message|原始邮件|回复的原邮件)/i, /^(发件人|from)\s*[:：]/i, /^在.*写道[:：]?$/, /^on .* wrote:$/i, /^_{5,}$/];
const ACCEPT = /^(通过|同意|接受|accept(ed)?|approved?|ok)$/i;

export function parseCoordinatorCommand(body: string): CoordinatorCommand | null {
  const own: string[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (QUOTE_START.some((re) => re.test(line))) break;
    if (line) own.push(line);
    if (own.length >= 3) break;
  }
  if (own.length === 0) return null;
  const words = own.join(' ').split(/[\s,，。；;、]+/).filter(Boolean);
  const accept = words.some((w) => ACCEPT.test(w));
  const rest = words.filter((w) => !ACCEPT.test(w)).join(' ');
  if (!accept && !rest) return null;
  return { unitText: rest || null, accept };
}
