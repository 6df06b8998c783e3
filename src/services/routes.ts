import type { AppRoute } from '../core/nginx/route.js';
import type { Deps } from './deps.js';
import { defaultDomain } from './app-lookup.js';

/** The router's view of an app, from the store: its names, every web port of each slot, and the live slot. */
export function appRoute(deps: Pick<Deps, 'store' | 'settings'>, app: string): AppRoute {
  const web = deps.store.ports.list(app).filter((p) => p.process === 'web');
  const slots = { blue: web.filter((p) => p.slot === 'blue').map((p) => p.port), green: web.filter((p) => p.slot === 'green').map((p) => p.port) };
  return { app, domains: [defaultDomain(deps, app)], slots, liveSlot: deps.store.apps.get(app)?.liveSlot ?? 'blue' };
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
