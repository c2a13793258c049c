/**
 * Who may read what on the HTTP endpoint (docs/operations.md, "Endpoints"). The token is sent as
 * `Authorization: Bearer <token>` (Prometheus, curl) or as the password of HTTP Basic auth, any
 * user name (a browser's own login prompt, for the dashboard).
 */
import { timingSafeEqual } from 'node:crypto';

export function tokenMatches(authorization: string | undefined, token: string): boolean {
  const offered = offeredToken(authorization);
  if (offered === null) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function offeredToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, value] = authorization.split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}
