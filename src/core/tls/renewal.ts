import { coveredBy } from './certificate.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Renew when less than 30 days, or a third of the lifetime for short-lived certificates, remain. */
export function renewalTime(notBefore: string, notAfter: string): Date {
  const end = Date.parse(notAfter);
  const lifetime = end - Date.parse(notBefore);
  return new Date(end - Math.min(30 * DAY, lifetime / 3));
}

/** Delay before retrying after `failures` failed attempts in a row: 1 h, 2 h, 4 h… at most a day. */
export function retryDelayMs(failures: number): number {
  return Math.min(HOUR * 2 ** Math.max(0, failures - 1), DAY);
}

export interface RenewalCandidate {
  app: string;
  /** The names the certificate should cover. */
  wanted: string[];
  current?: { names: string[]; notBefore: string; notAfter: string };
  /** Set after a failure: no attempt before this time. */
  nextAttemptAt?: string;
}

export type RenewalReason = 'missing' | 'names' | 'expiring';

export interface PlannedRenewal {
  app: string;
  reason: RenewalReason;
}

/**
 * Which certificates to order now, most urgent first: apps with none, or whose names it no longer covers, then by
 * expiry. Apps still waiting out a retry delay are skipped.
 */
export function planRenewals(candidates: RenewalCandidate[], now: Date): PlannedRenewal[] {
  const rank: Record<RenewalReason, number> = { missing: 0, names: 1, expiring: 2 };
  const due: (PlannedRenewal & { expires: number })[] = [];
  for (const c of candidates) {
    if (c.wanted.length === 0) continue;
    if (c.nextAttemptAt && Date.parse(c.nextAttemptAt) > now.getTime()) continue;
    const cur = c.current;
    const expires = cur ? Date.parse(cur.notAfter) : 0;
    if (!cur) due.push({ app: c.app, reason: 'missing', expires });
    else if (!c.wanted.every((d) => coveredBy(cur.names, d))) due.push({ app: c.app, reason: 'names', expires });
    else if (renewalTime(cur.notBefore, cur.notAfter).getTime() <= now.getTime()) due.push({ app: c.app, reason: 'expiring', expires });
  }
  return due
    .sort((a, b) => rank[a.reason] - rank[b.reason] || a.expires - b.expires || a.app.localeCompare(b.app))
    .map(({ app, reason }) => ({ app, reason }));
}
