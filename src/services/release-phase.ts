import type { UserOutput } from '../ports.js';
import type { Release } from '../core/model.js';
import { PaasError } from '../core/errors.js';
import { containerEnv } from '../core/deploy-plan.js';
import { taskContainerName, taskLabels } from '../core/labels.js';
import type { Deps } from './deps.js';

/**
 * Heroku's release phase: the Procfile's `release:` command runs once, in a one-off container from the new image with
 * the release's config, before any traffic moves. A non-zero exit (or the release timeout) fails the deploy, and the
 * previous release keeps serving.
 */
export async function runReleasePhase(deps: Deps, release: Release, out: UserOutput, deployId: number): Promise<void> {
  if (!release.releaseCommand) return;
  out.step(`Running the release command of v${release.version}: ${release.releaseCommand}`);
  deps.store.deploys.step(deployId, 'release-phase', release.version);
  const timeoutMs = deps.settings.build.releaseTimeoutMs;
  const result = await deps.runtime.runTask(
    {
      name: taskContainerName(release.app, 'release', release.version),
      image: release.image,
      env: containerEnv(release, 'release', 1),
      labels: taskLabels(release.app, 'release', release.version),
      cmd: ['/bin/sh', '-c', release.releaseCommand],
    },
    { onOutput: (line) => out.info(line), timeoutMs },
  );
  const hint = 'the previous release keeps serving; fix the release command and push again';
  if (result.timedOut) {
    throw new PaasError('RELEASE_COMMAND_FAILED', `the release command ran longer than ${timeoutMs / 1000} s and was stopped`, { hint });
  }
  if (result.exitCode !== 0) throw new PaasError('RELEASE_COMMAND_FAILED', `the release command exited with code ${result.exitCode}`, { hint });
  out.info('Release command succeeded');
}
