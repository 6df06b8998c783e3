import type { App } from '../core/model.js';
import { PaasError, errorMessage } from '../core/errors.js';
import { validateAppName } from '../core/names.js';
import { imageTag } from '../core/labels.js';
import type { Deps } from './deps.js';
import { defaultDomain, requireApp } from './app-lookup.js';
import { ensureWebPorts } from './port-allocation.js';
import { appRoute } from './routes.js';
import { withAppLock } from './app-lock.js';
import { API_LOCK_WAIT_MS } from './operation.js';
import { formationFromStore } from './scale.js';
import type { AppLock } from '../core/model.js';

export interface AppInfo extends App {
  url: string;
  domains: string[];
  gitPath: string;
  /** Containers per process type (ps:scale). */
  formation: Record<string, number>;
  /** The operation holding the app's lock, if any. */
  lock?: AppLock;
}

/** Creating, listing, describing and destroying apps. */
export function appsService(deps: Deps) {
  const info = (name: string): AppInfo => {
    const app = requireApp(deps, name);
    const route = appRoute(deps, app.name);
    const formation = formationFromStore(deps, app.name);
    const lock = deps.store.locks.get(app.name);
    return { ...app, url: `http://${defaultDomain(deps, app.name)}`, domains: route.domains, gitPath: `/${app.name}.git`, formation, lock };
  };

  return {
    list: (): App[] => deps.store.apps.list(),
    info,

    /** The app row, its web ports, its repository and its nginx server block, or none of them. */
    async create(name: string): Promise<AppInfo> {
      validateAppName(name);
      return deps.appLocks.run(name, async () => {
        deps.store.apps.create(name);
        try {
          await ensureWebPorts(deps, name, 1);
          await deps.git.create(name);
          await deps.router.applyApp(appRoute(deps, name));
        } catch (e) {
          await deps.git.remove(name).catch(() => undefined);
          deps.store.apps.delete(name);
          throw e;
        }
        deps.log.info({ app: name }, 'app created');
        return info(name);
      });
    },

    /** Stops traffic first, then containers, images, repository and state. */
    async destroy(name: string, confirm: string | undefined): Promise<void> {
      requireApp(deps, name);
      if (confirm !== name) {
        throw new PaasError('INVALID_INPUT', `destroying ${name} needs confirmation`, { hint: `pass --confirm ${name}` });
      }
      await withAppLock(deps, name, 'destroy', { waitMs: API_LOCK_WAIT_MS }, async () => {
        await deps.router.removeApp(name);
        for (const c of await deps.runtime.list({ app: name })) await deps.runtime.remove(c.name);
        for (const r of deps.store.releases.list(name)) {
          await deps.builder.remove(imageTag(name, r.version)).catch((e) => deps.log.warn({ app: name, err: errorMessage(e) }, 'image not removed'));
        }
        await deps.git.remove(name);
        deps.store.apps.delete(name);
        deps.certFiles.prune(name);
        deps.log.info({ app: name }, 'app destroyed');
      });
    },
  };
}

export type AppsService = ReturnType<typeof appsService>;
