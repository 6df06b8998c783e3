import type { UserOutput } from '../ports.js';
import type { DeployStrategy } from '../core/model.js';
import type { FormationEntry } from '../core/formation.js';
import { PaasError } from '../core/errors.js';
import type { VolumeMount } from '../core/volumes.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { runOperation } from './operation.js';
import { switchTo } from './switch.js';

export interface ResourceLimits {
  /** Bytes; null removes the limit; undefined leaves it. */
  memoryBytes?: number | null;
  nanoCpus?: number | null;
}

/**
 * Settings that shape the containers (limits per process type, volumes, the deploy strategy). Each change is stored
 * in one transaction and, when the app runs, applied at once by a blue/green restart of the live release.
 */
export function appSettingsService(deps: Deps) {
  const applyWith = (appName: string, kind: string, out: UserOutput, change: (app: string) => void): Promise<void> =>
    runOperation(deps, appName, kind, out, async ({ app, deployId }) => {
      deps.store.transaction(() => change(app.name));
      const release = app.currentVersion === undefined ? undefined : deps.store.releases.get(app.name, app.currentVersion);
      if (!release) return out.info('not deployed yet: applies from the first deploy');
      out.step(`Restarting ${app.name} (v${release.version}) to apply it`);
      await switchTo(deps, release, out, deployId);
    });

  return {
    resources: (app: string): FormationEntry[] => deps.store.formation.list(requireApp(deps, app).name),

    setResources(app: string, process: string, limits: ResourceLimits, out: UserOutput): Promise<void> {
      if (!/^[a-z][a-z0-9_-]{0,29}$/.test(process)) throw new PaasError('INVALID_INPUT', `invalid process type ${JSON.stringify(process).slice(0, 40)}`);
      if (limits.memoryBytes === undefined && limits.nanoCpus === undefined) throw new PaasError('INVALID_INPUT', 'nothing to set', { hint: 'pass --memory and/or --cpus' });
      return applyWith(app, 'resources', out, (a) => deps.store.formation.setResources(a, process, limits));
    },

    volumes: (app: string): VolumeMount[] => deps.store.volumes.list(requireApp(deps, app).name),

    mount(app: string, mount: VolumeMount, out: UserOutput): Promise<void> {
      return applyWith(app, 'storage', out, (a) => deps.store.volumes.add(a, mount));
    },

    unmount(app: string, mount: VolumeMount, out: UserOutput): Promise<void> {
      const name = requireApp(deps, app).name;
      const found = deps.store.volumes.list(name).find((v) => v.containerPath === mount.containerPath && v.hostPath === mount.hostPath);
      if (!found) throw new PaasError('NOT_FOUND', `${mount.hostPath}:${mount.containerPath} is not mounted in ${name}`, { hint: 'see `paas storage`' });
      return applyWith(app, 'storage', out, (a) => void deps.store.volumes.remove(a, mount.containerPath));
    },

    /** stop-first suits apps whose volume cannot be shared by two releases at once; it costs a moment of downtime. */
    setStrategy(app: string, strategy: DeployStrategy): void {
      deps.store.apps.setStrategy(requireApp(deps, app).name, strategy);
    },
  };
}

export type AppSettingsService = ReturnType<typeof appSettingsService>;
