import { PaasError } from './errors.js';
import { validateDomain } from './names.js';

/**
 * A custom domain a user may map to an app: RFC 1123, at least two labels, and not one of the names paas hands out
 * itself (`APP.DOMAIN` for every app, present or future, and DOMAIN itself).
 */
export function validateCustomDomain(domain: unknown, serverDomain: string): string {
  const d = validateDomain(domain);
  const depth = serverDomain.split('.').length;
  if (d === serverDomain || (d.endsWith(`.${serverDomain}`) && d.split('.').length === depth + 1)) {
    throw new PaasError('DOMAIN_TAKEN', `${d} is reserved: names of the form APP.${serverDomain} belong to paas apps`, {
      hint: `every app already answers at APP.${serverDomain}; add a name outside it`,
    });
  }
  return d;
}

/** Names an ACME CA can validate over HTTP-01: not `localhost` and not under a suffix reserved for local use. */
export function isAcmeEligible(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1];
  return labels.length >= 2 && !['localhost', 'local', 'internal', 'localdomain'].includes(tld!);
}

/**
 * The DNS check of `domains:add`: the name must resolve, and only to addresses of this server, since the CA (and
 * every visitor) goes wherever DNS says. Throws DNS_CHECK_FAILED with what was found.
 */
export function checkResolvesHere(domain: string, resolved: string[], own: string[]): void {
  const hint = 'point an A (and AAAA) record at this server, set --public-ip on the server, or pass --no-dns-check';
  if (resolved.length === 0) {
    throw new PaasError('DNS_CHECK_FAILED', `${domain} does not resolve to any address`, { hint });
  }
  const mine = new Set(own.map(normalizeIp));
  const foreign = resolved.filter((a) => !mine.has(normalizeIp(a)));
  if (foreign.length > 0) {
    throw new PaasError('DNS_CHECK_FAILED', `${domain} resolves to ${foreign.join(', ')}, which is not this server (${own.join(', ') || 'no address known'})`, { hint });
  }
}

/** Lowercase, IPv4-mapped IPv6 as IPv4, so that equal addresses compare equal. */
function normalizeIp(ip: string): string {
  const lower = ip.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}
