import type { Release } from '../core/model.js';
import type { UserOutput } from '../ports.js';
import { formationFor } from '../core/formation.js';
import type { Deps } from './deps.js';
import { converge } from './converge.js';

/**
 * Blue/green: runs `release` at the app's formation on the idle slot, moves traffic once it is healthy, then stops
 * the old containers. A process type seen for the first time gets one container; `ps:scale` changes persist; a type
 * the release does not have stops. On failure the new containers are removed and the old ones keep serving.
 */
export async function switchTo(deps: Deps, release: Release, out: UserOutput, deployId: number, opts: { only?: string[] } = {}): Promise<void> {
  const stored = deps.store.formation.list(release.app);
  const formation = formationFor(release.processes, stored);
  const switching = opts.only ?? Object.keys(formation);
  await converge(deps, { release, formation, switching, deployId, out });
}
