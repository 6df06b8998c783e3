import type { UserOutput } from '../ports.js';
import type { Release } from '../core/model.js';
import { PaasError } from '../core/errors.js';
import { checkScaleTypes, formationFor, processTypes } from '../core/formation.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { runOperation } from './operation.js';
import { converge } from './converge.js';
import { switchTo } from './switch.js';

/** ps:scale and ps:restart: the running release at another formation, or its containers replaced blue/green. */
export function scaleService(deps: Deps) {
  const currentRelease = (app: string): Release | undefined => {
    const a = requireApp(deps, app);
    return a.currentVersion === undefined ? undefined : deps.store.releases.get(a.name, a.currentVersion);
  };

  return {
    /**
     * Stores the new quantities; when the app runs, adds or removes containers of the live release in place (new
     * web replicas join the upstream once healthy; removed ones leave it before they are stopped).
     */
    scale(appName: string, scale: Record<string, number>, out: UserOutput): Promise<Record<string, number>> {
      return runOperation(deps, appName, 'scale', out, async ({ app, deployId }) => {
        const release = currentRelease(app.name);
        if (!release) {
          deps.store.formation.setQuantities(app.name, scale);
          out.info('not deployed yet: the formation applies from the first deploy');
          return formationFromStore(deps, app.name);
        }
        checkScaleTypes(scale, release.processes);
        const formation = { ...formationFor(release.processes, deps.store.formation.list(app.name)), ...scale };
        out.step(`Scaling ${Object.entries(scale).map(([t, n]) => `${t} to ${n}`).join(', ')}`);
        await converge(deps, { release, formation, switching: [], deployId, out });
        return formation;
      });
    },

    /** Rolling, zero-downtime: new containers of the same release start on the other slot, then the old ones stop. */
    restart(appName: string, type: string | undefined, out: UserOutput): Promise<void> {
      return runOperation(deps, appName, 'restart', out, async ({ app, deployId }) => {
        const release = currentRelease(app.name);
        if (!release) throw new PaasError('NOT_DEPLOYED', `${app.name} has not been deployed yet`, { hint: 'git push to deploy' });
        if (type !== undefined && !processTypes(release.processes).includes(type)) {
          throw new PaasError('INVALID_INPUT', `no process type ${type} in v${release.version}`, { hint: `its types: ${processTypes(release.processes).join(', ')}` });
        }
        out.step(`Restarting ${type ?? 'every process'} of ${app.name} (v${release.version})`);
        // A restart is how a user clears a crash mark: the supervisor counts exits afresh from here.
        deps.store.crashes.clear(app.name, type);
        deps.crashTracker.clear((key) => key.startsWith(`${app.name}/${type === undefined ? '' : `${type}.`}`));
        await switchTo(deps, release, out, deployId, { only: type ? [type] : undefined });
      });
    },

    formation: (appName: string) => formationFromStore(deps, requireApp(deps, appName).name),
  };
}

/** Containers per process type, as stored (ps:scale persists; a type gets 1 when it first appears). */
export function formationFromStore(deps: Pick<Deps, 'store'>, app: string): Record<string, number> {
  return Object.fromEntries(deps.store.formation.list(app).map((e) => [e.process, e.quantity]));
}

export type ScaleService = ReturnType<typeof scaleService>;
