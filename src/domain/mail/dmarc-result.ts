/**
 * Whether our own receiving server found that a mail fails DMARC for its From domain (RFC 7489
 * §11.2, reported in Authentication-Results, RFC 8601). Only headers stamped with the configured
 * authserv-id count: anyone can write such a header into a forged mail, but our server adds its
 * own. A `dmarc=fail` there means the From domain's owner says this mail is not theirs, so the
 * mail is held as a suspected forgery instead of changing a unit's record. Pure.
 */

export interface DmarcFailure {
  /** For the coordinator and the log, e.g. `dmarc=fail (p=reject) header.from=bjtu.edu.cn (mx.bjtu.edu.cn)`. */
  detail: string;
}

/** Longest header value looked at: a real Authentication-Results line is a few hundred bytes. */
const MAX_HEADER_CHARS = 8192;

export function dmarcFailure(headerValues: readonly string[], opts: { authservId: string; fromDomain: string }): DmarcFailure | null {
  const authserv = opts.authservId.trim().toLowerCase();
  const fromDomain = opts.fromDomain.trim().toLowerCase();
  for (const raw of headerValues) {
    const value = raw.slice(0, MAX_HEADER_CHARS).replace(/\r?\n[ \t]+/g, ' ').trim();
    const clauses = value.split(';').map((c) => c.trim());
    if ((clauses[0]?.split(/\s+/)[0] ?? '').toLowerCase() !== authserv) continue;
    for (const clause of clauses.slice(1)) {
      const method = /^dmarc\s*=\s*([a-z]+)/i.exec(clause);
      if (!method || method[1]!.toLowerCase() !== 'fail') continue;
      // header.from names the domain judged; a server that leaves it out judged the From domain.
      const judged = /header\.from\s*=\s*([^\s;()]+)/i.exec(clause)?.[1]?.toLowerCase().replace(/\.$/, '');
      if (judged === undefined || judged === fromDomain) return { detail: `${clause} (${opts.authservId})` };
    }
  }
  return null;
}

/** The Authentication-Results values of a parsed message (repeated headers are kept joined by a newline). */
export function authenticationResultsOf(headers: Readonly<Record<string, string>>): string[] {
  return (headers['authentication-results'] ?? '').split('\n').filter((v) => v.trim() !== '');
}
