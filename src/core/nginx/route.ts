import { validateAppName, validateDomain } from '../names.js';
import { PaasError } from '../errors.js';
import type { Slot } from '../labels.js';

/**
 * What the router needs to serve one app: its names, the loopback ports of every web replica on each slot, and the
 * live slot. nginx sends requests to the live slot's servers only (the other slot is their backup), so a container
 * starting on the idle slot gets no traffic until its health check has passed and the live slot flips.
 */
export interface AppRoute {
  app: string;
  domains: string[];
  slots: Record<Slot, number[]>;
  liveSlot: Slot;
}

export interface ListenSpec {
  httpAddr: string;
  httpPort: number;
}

/**
 * The file whose existence makes green the live slot (absent: blue). nginx tests it on every request, so paas
 * moves traffic with one atomic rename or unlink, without a reload.
 */
export function greenFlagPath(liveDir: string, app: string): string {
  if (!/^\/[A-Za-z0-9._\/-]*$/.test(liveDir)) throw new PaasError('CONFIG_INVALID', `unusable nginx directory ${JSON.stringify(liveDir)}`);
  return `${liveDir}/${validateAppName(app)}.green`;
}

/** Builds the view of templates/nginx/app.conf, re-validating everything that reaches the file. */
export function appConfView(route: AppRoute, listen: ListenSpec & { liveDir: string }) {
  validateAppName(route.app);
  if (route.domains.length === 0) throw new PaasError('INVALID_INPUT', `app ${route.app} has no domain`);
  route.domains.forEach((d) => validateDomain(d, { allowSingleLabel: true }));
  const { blue, green } = route.slots;
  if (blue.length === 0 || green.length === 0) throw new PaasError('INVALID_INPUT', `app ${route.app} has no web port`);
  [...blue, ...green].forEach(checkPort);
  const upstream = `paas_${route.app.replace(/-/g, '_')}`;
  const group = (primary: number[], backup: number[]) => [...primary.map((port) => ({ port, backup: '' })), ...backup.map((port) => ({ port, backup: ' backup' }))];
  return {
    app: route.app,
    upstream,
    listen: listenDirective(listen),
    serverNames: [...new Set(route.domains)].join(' '),
    greenFlag: greenFlagPath(listen.liveDir, route.app),
    blue: group(blue, green),
    green: group(green, blue),
    // Every server may be tried once: a stopped container refuses the connect, which is safe to retry for any method.
    tries: blue.length + green.length,
  };
}

export function listenDirective(l: ListenSpec): string {
  checkPort(l.httpPort);
  if (!/^[0-9.]+$|^\[[0-9a-f:]+\]$/i.test(l.httpAddr)) {
    throw new PaasError('CONFIG_INVALID', `http address must be an IP literal, got ${JSON.stringify(l.httpAddr)}`);
  }
  return `${l.httpAddr}:${l.httpPort}`;
}

function checkPort(p: number): void {
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new PaasError('INVALID_INPUT', `bad port ${p}`);
}
