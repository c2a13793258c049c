/**
 * Whether the receiving server vouched for a sender's domain (RFC 8601 Authentication-Results).
 * Only headers stamped with our own server's authserv-id count: anyone can write such a header
 * into a forged mail, but our server adds its own and removes look-alikes. DKIM must pass for the
 * domain itself (header.d), or SPF for an envelope sender in it. Pure.
 */
export interface AuthVerdict {
  ok: boolean;
  detail: string;
}

export function checkAuthenticationResults(headerValues: readonly string[], opts: { authservId: string; domain: string }): AuthVerdict {
  const domain = opts.domain.toLowerCase();
  const ours = headerValues.map((v) => v.replace(/\r?\n\s+/g, ' ').trim()).filter((v) => v.split(';')[0]?.trim().split(/\s+/)[0]?.toLowerCase() === opts.authservId.toLowerCase());
  if (ours.length === 0) return { ok: false, detail: `no Authentication-Results from ${opts.authservId}` };
  for (const value of ours) {
    for (const clause of value.split(';').slice(1).map((c) => c.trim().toLowerCase())) {
      const method = /^(dkim|spf)\s*=\s*(\w+)/.exec(clause);
      if (!method || method[2] !== 'pass') continue;
      const property = method[1] === 'dkim' ? /header\.[di]\s*=\s*@?([^\s;]+)/.exec(clause) : /smtp\.mailfrom\s*=\s*(?:[^@\s;]*@)?([^\s;]+)/.exec(clause);
      const d = property?.[1]?.replace(/^@/, '');
      if (d === domain || d?.endsWith(`.${domain}`)) return { ok: true, detail: `${method[1]}=pass for ${d} (${opts.authservId})` };
    }
  }
  return { ok: false, detail: `neither DKIM nor SPF passed for ${domain} according to ${opts.authservId}` };
}
