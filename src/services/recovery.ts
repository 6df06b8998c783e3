import type { Deploy } from '../core/model.js';
import { recoverDeploy } from '../core/recovery.js';
import type { Deps } from './deps.js';

/**
 * At start-up: every deploy a previous run left `running` is finished or undone from its last recorded step. The
 * containers follow from the store in the reconcile that comes next (new-slot containers of an undone deploy and
 * old-slot ones of a finished deploy are not wanted, so they are removed; the router's live flag follows the store).
 */
export function recoverInterruptedDeploys(deps: Pick<Deps, 'store' | 'log'>): Deploy[] {
  const interrupted = deps.store.deploys.running();
  for (const d of interrupted) {
    const decision = recoverDeploy(d);
    deps.store.transaction(() => {
      deps.store.deploys.finish(d.id, decision.deploy, decision.deploy === 'failed' ? decision.note : undefined);
      const release = d.version === undefined ? undefined : deps.store.releases.get(d.app, d.version);
      if (release && release.status === 'pending' && decision.release) deps.store.releases.setStatus(d.app, release.version, decision.release);
      if (decision.deploy === 'failed') restoreLiveConfig(deps, d.app);
    });
    deps.log.warn({ app: d.app, deployId: d.id, kind: d.kind, step: d.step, outcome: decision.deploy }, decision.note);
  }
  return interrupted;
}

/** An undone config change must not stay stored: the config vars become the live release's again. */
function restoreLiveConfig(deps: Pick<Deps, 'store'>, appName: string): void {
  const app = deps.store.apps.get(appName);
  if (!app || app.currentVersion === undefined) return;
  const live = deps.store.releases.get(app.name, app.currentVersion)?.config;
  if (!live) return;
  deps.store.config.replace(app.name, live);
}
