import { validateAppName, validateDomain } from '../names.js';
import { PaasError } from '../errors.js';

/** What the router needs to serve one app: its names and the loopback ports of every web slot. */
export interface AppRoute {
  app: string;
  domains: string[];
  ports: number[];
}

export interface ListenSpec {
  httpAddr: string;
  httpPort: number;
}

/** Builds the view of templates/nginx/app.conf, re-validating everything that reaches the file. */
export function appConfView(route: AppRoute, listen: ListenSpec) {
  validateAppName(route.app);
  if (route.domains.length === 0) throw new PaasError('INVALID_INPUT', `app ${route.app} has no domain`);
  route.domains.forEach((d) => validateDomain(d, { allowSingleLabel: true }));
  if (route.ports.length === 0) throw new PaasError('INVALID_INPUT', `app ${route.app} has no web port`);
  route.ports.forEach(checkPort);
  return {
    app: route.app,
    upstream: `paas_${route.app.replace(/-/g, '_')}`,
    listen: listenDirective(listen),
    serverNames: [...new Set(route.domains)].join(' '),
    servers: route.ports.map((port) => ({ port })),
    // Every slot may be tried once: dead slots refuse the connect, which is safe to retry for any method.
    tries: route.ports.length,
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
