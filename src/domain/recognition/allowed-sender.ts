/**
 * Whether a sender's address lies inside the campaign's allowed domains. Mail from outside gets no
 * automatic reply (docs/forms.md, "Who sent it"): answering forged or outside senders would make the
 * mailbox a backscatter source.
 */

/**
 * True when the address's domain is one of `allowedDomains` or a subdomain of one, compared
 * case-insensitively on whole labels: `mail.bjtu.edu.cn` is inside `bjtu.edu.cn`,
 * `evilbjtu.edu.cn` is not.
 */
export function isAllowedSender(address: string, allowedDomains: readonly string[]): boolean {
  const domain = domainOf(address);
  if (domain === null) return false;
  return allowedDomains.some((allowed) => {
    const d = allowed.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
    return d !== '' && (domain === d || domain.endsWith(`.${d}`));
  });
}

/** The domain part of an address, lower-cased, without a trailing root dot; null when there is none. */
export function domainOf(address: string): string | null {
  const trimmed = address.trim().replace(/^<|>$/g, '');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = trimmed.slice(at + 1).toLowerCase().replace(/\.$/, '');
  // A domain literal (`user@[192.0.2.1]`) or an empty / malformed domain is never a campus domain.
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) return null;
  return domain;
}
