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
  /** Present when the app has a certificate: HTTPS for the `names` it covers, and HTTP redirects there. */
  tls?: RouteTls;
}

export interface RouteTls {
  certFile: string;
  keyFile: string;
  /** The app's domains the certificate covers (a subset of `domains`). */
  names: string[];
}

export interface ListenSpec {
  httpAddr: string;
  httpPort: number;
  /** Where HTTPS is served; without it no HTTPS server is rendered. */
  httpsPort?: number;
  /** Directory holding `.well-known/acme-challenge/TOKEN` files, served over HTTP for every name. */
  acmeWebroot?: string;
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
  const id = route.app.replace(/-/g, '_');
  const group = (primary: number[], backup: number[]) => [...primary.map((port) => ({ port, backup: '' })), ...backup.map((port) => ({ port, backup: ' backup' }))];
  return {
    app: route.app,
    id,
    upstream: `paas_${id}`,
    listen: listenDirective(listen),
    serverNames: [...new Set(route.domains)].join(' '),
    greenFlag: greenFlagPath(listen.liveDir, route.app),
    blue: group(blue, green),
    green: group(green, blue),
    // Every server may be tried once: a stopped container refuses the connect, which is safe to retry for any method.
    tries: blue.length + green.length,
    acmeWebroot: listen.acmeWebroot === undefined ? undefined : checkPath(listen.acmeWebroot),
    tls: route.tls && tlsView(route, route.tls, listen),
  };
}

function tlsView(route: AppRoute, tls: RouteTls, listen: ListenSpec) {
  if (listen.httpsPort === undefined) throw new PaasError('CONFIG_INVALID', `app ${route.app} has a certificate but no HTTPS port is configured`);
  const names = [...new Set(tls.names)];
  for (const n of names) {
    if (!route.domains.includes(n)) throw new PaasError('INVALID_INPUT', `app ${route.app}: certificate name ${n} is not one of its domains`);
  }
  return {
    httpsListen: httpsListenDirective(listen)!,
    certFile: checkPath(tls.certFile),
    keyFile: checkPath(tls.keyFile),
    names: names.map((name) => ({ name })),
    // Redirects keep a non-standard HTTPS port in the URL.
    httpsPortSuffix: listen.httpsPort === 443 ? '' : `:${listen.httpsPort}`,
  };
}

/** `ADDR:PORT` of the HTTPS listener, or undefined when HTTPS is not configured. */
export function httpsListenDirective(l: ListenSpec): string | undefined {
  return l.httpsPort === undefined ? undefined : listenDirective({ httpAddr: l.httpAddr, httpPort: l.httpsPort });
}

/** Paths paas itself chose (data dir, certificate files): absolute, and nothing nginx would parse as syntax. */
export function checkPath(path: string): string {
  if (!/^\/[A-Za-z0-9._@+\/-]*$/.test(path) || path.includes('/../')) {
    throw new PaasError('CONFIG_INVALID', `path ${JSON.stringify(path).slice(0, 120)} cannot be used in an nginx file (letters, digits, . _ @ + - / only)`);
  }
  return path;
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
