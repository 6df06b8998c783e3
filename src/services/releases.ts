import type { Release } from '../core/model.js';
import type { UserOutput } from '../ports.js';
import { PaasError } from '../core/errors.js';
import { describeConfigChange, validateConfigVars } from '../core/config-vars.js';
import { validateEnvKey } from '../core/names.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { runOperation } from './operation.js';
import { switchTo } from './switch.js';

/** A release as the API shows it: config keys, never values (those are for `config`). */
export interface ReleaseView extends Omit<Release, 'config'> {
  configKeys: string[];
  current: boolean;
}

export interface ChangeResult {
  /** Undefined when the app has no release yet: the change waits for the first deploy. */
  release?: number;
}

/** Config vars, releases and rollback: every change makes release vN and switches to it blue/green. */
export function releasesService(deps: Deps) {
  const view = (r: Release, current?: number): ReleaseView => {
    const { config, ...rest } = r;
    return { ...rest, configKeys: Object.keys(config).sort(), current: r.version === current };
  };

  /**
   * Stores the new config and release vN in one transaction, then switches to it; if the switch fails, the config
   * goes back to what it was and the release is marked failed, so that the stored config is the one that serves.
   */
  const releaseWith = async (appName: string, kind: string, out: UserOutput, change: (current: Release | undefined) => Promise<{ config: Record<string, string>; base?: Release; description: string }>): Promise<ChangeResult> =>
    runOperation(deps, appName, kind, out, async ({ app, deployId }) => {
      const current = app.currentVersion === undefined ? undefined : deps.store.releases.get(app.name, app.currentVersion);
      const before = deps.store.config.get(app.name);
      const { config, base, description } = await change(current);
      const from = base ?? current;
      if (!from) {
        deps.store.config.replace(app.name, config);
        out.info('no release yet: the config applies from the first deploy');
        return {};
      }
      const release = deps.store.transaction(() => {
        deps.store.config.replace(app.name, config);
        const { version: _v, createdAt: _c, status: _s, ...copy } = from;
        return deps.store.releases.create({ ...copy, config, description, status: 'pending' });
      });
      deps.store.deploys.step(deployId, 'released', release.version);
      out.step(`Releasing v${release.version}: ${description}`);
      try {
        await switchTo(deps, release, out, deployId);
      } catch (e) {
        deps.store.transaction(() => {
          deps.store.config.replace(app.name, before);
          deps.store.releases.setStatus(app.name, release.version, 'failed');
        });
        throw e;
      }
      out.step(`v${release.version} is live`);
      return { release: release.version };
    });

  return {
    config: (app: string): Record<string, string> => deps.store.config.get(requireApp(deps, app).name),

    /** Heroku's PATCH semantics: a string sets a var, null unsets it; the whole change is one release. */
    changeConfig(appName: string, patch: Record<string, unknown>, out: UserOutput): Promise<ChangeResult> {
      const set = validateConfigVars(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)));
      const unset = Object.keys(patch).filter((k) => patch[k] === null).map(validateEnvKey);
      if (Object.keys(set).length + unset.length === 0) throw new PaasError('INVALID_INPUT', 'nothing to change');
      const config = deps.store.config.get(requireApp(deps, appName).name);
      const missing = unset.filter((k) => !(k in config));
      if (missing.length) throw new PaasError('INVALID_INPUT', `not set: ${missing.join(', ')}`);
      return releaseWith(appName, 'config', out, async () => {
        const next: Record<string, string> = { ...deps.store.config.get(appName), ...set };
        for (const k of unset) delete next[k];
        return { config: next, description: describeConfigChange(Object.keys(set), unset) };
      });
    },

    /** The image, config, process types and health checks of an earlier release, as a new release: no build. */
    rollback(appName: string, version: number | undefined, out: UserOutput): Promise<ChangeResult> {
      return releaseWith(appName, 'rollback', out, async (current) => {
        if (!current) throw new PaasError('NOT_DEPLOYED', `${appName} has no release to roll back from`);
        const target = version ?? previousGood(deps, appName, current.version);
        const base = deps.store.releases.get(appName, target);
        if (!base) throw new PaasError('RELEASE_NOT_FOUND', `${appName} has no release v${target}`, { hint: 'see `paas releases`' });
        if (base.status === 'failed' || base.status === 'pending') throw new PaasError('INVALID_INPUT', `v${target} never went live (${base.status}): refusing to roll back to it`);
        if (!(await deps.builder.exists(base.image))) throw new PaasError('RELEASE_NOT_FOUND', `the image of v${target} (${base.image}) is gone: it cannot be rolled back to`);
        return { config: base.config, base, description: `Rollback to v${target}` };
      });
    },

    list: (appName: string): ReleaseView[] => {
      const app = requireApp(deps, appName);
      return deps.store.releases.list(app.name).map((r) => view(r, app.currentVersion));
    },

    info(appName: string, version: number): ReleaseView {
      const app = requireApp(deps, appName);
      const r = deps.store.releases.get(app.name, version);
      if (!r) throw new PaasError('RELEASE_NOT_FOUND', `${app.name} has no release v${version}`, { hint: 'see `paas releases`' });
      return view(r, app.currentVersion);
    },
  };
}

/** The newest release before `current` that went live. */
function previousGood(deps: Deps, app: string, current: number): number {
  const r = deps.store.releases.list(app).find((x) => x.version < current && (x.status === 'superseded' || x.status === 'active'));
  if (!r) throw new PaasError('RELEASE_NOT_FOUND', `${app} has no earlier release that went live`, { hint: 'see `paas releases`' });
  return r.version;
}

export type ReleasesService = ReturnType<typeof releasesService>;
