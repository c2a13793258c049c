/**
 * Whether a mail that claims to come from the coordinator really does, before the worker obeys
 * it: our receiving server's Authentication-Results when its authserv-id is configured, else our
 * own DKIM check (mailauth) of the signature for her domain. DNS is injected so that a test can
 * serve the public key; in production it is the system resolver, bounded by a timeout.
 */
import dns from 'node:dns';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { checkAuthenticationResults, type AuthVerdict } from '../../domain/mail/authentication-results.js';

export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

export interface CoordinatorVerifier {
  verify(headers: Record<string, string>, raw: Buffer): Promise<AuthVerdict>;
}

export function createCoordinatorVerifier(opts: { authservId: string | null; coordinatorAddress: string; resolver?: DnsResolver; timeoutMs?: number }): CoordinatorVerifier {
  const domain = opts.coordinatorAddress.split('@')[1]?.toLowerCase() ?? '';
  const resolver = withTimeout(opts.resolver ?? ((name, rr) => dns.promises.resolve(name, rr) as Promise<string[][]>), opts.timeoutMs ?? 5000);
  return {
    async verify(headers, raw) {
      if (opts.authservId) {
        const verdict = checkAuthenticationResults((headers['authentication-results'] ?? '').split('\n').filter(Boolean), { authservId: opts.authservId, domain });
        if (verdict.ok) return verdict;
      }
      try {
        const result = await dkimVerify(raw, { resolver });
        const pass = result.results.find((r) => r.status.result === 'pass' && (r.signingDomain === domain || r.signingDomain.endsWith(`.${domain}`)));
        return pass ? { ok: true, detail: `dkim=pass for ${pass.signingDomain} (checked by the worker)` } : { ok: false, detail: `no passing DKIM signature for ${domain}` };
      } catch (err) {
        return { ok: false, detail: `DKIM could not be checked: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
  };
}

function withTimeout(resolve: DnsResolver, ms: number): DnsResolver {
  return (name, rr) =>
    new Promise((ok, fail) => {
      const t = setTimeout(() => fail(Object.assign(new Error(`DNS lookup of ${name} timed out`), { code: 'ETIMEOUT' })), ms);
      resolve(name, rr).then(ok, fail).finally(() => clearTimeout(t));
    });
}
