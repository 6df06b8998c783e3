import type { AppRoute } from '../core/nginx/route.js';
import type { InstalledCert } from '../core/model.js';
import { coveredBy } from '../core/tls/certificate.js';
import type { Deps } from './deps.js';
import { defaultDomain } from './app-lookup.js';

type RouteCert = Pick<InstalledCert, 'certFile' | 'keyFile' | 'names'>;

/**
 * The router's view of an app, from the store: its names (the default one first), every web port of each slot, the
 * live slot, and its certificate. `cert` replaces the stored one (null: none), to test a change before it is recorded.
 */
export function appRoute(deps: Pick<Deps, 'store' | 'settings'>, app: string, cert: RouteCert | null = deps.store.certs.get(app)?.current ?? null): AppRoute {
  const web = deps.store.ports.list(app).filter((p) => p.process === 'web');
  const slots = { blue: web.filter((p) => p.slot === 'blue').map((p) => p.port), green: web.filter((p) => p.slot === 'green').map((p) => p.port) };
  const domains = [defaultDomain(deps, app), ...deps.store.domains.list(app).map((d) => d.domain)];
  const tls = cert ? { certFile: cert.certFile, keyFile: cert.keyFile, names: domains.filter((d) => coveredBy(cert.names, d)) } : undefined;
  return { app, domains, slots, liveSlot: deps.store.apps.get(app)?.liveSlot ?? 'blue', tls };
}

/** Re-renders every app's server block (at start: templates may have changed with an upgrade). */
export async function applyAllRoutes(deps: Pick<Deps, 'store' | 'settings' | 'router' | 'log'>): Promise<void> {
  for (const app of deps.store.apps.list()) {
    try {
      await deps.router.applyApp(appRoute(deps, app.name));
    } catch (e) {
      deps.log.error({ app: app.name, err: (e as Error).message }, 'could not apply the route of an app');
    }
  }
}
