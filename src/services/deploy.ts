import type { UserOutput } from '../ports.js';
import type { App } from '../core/model.js';
import { PaasError, errorMessage } from '../core/errors.js';
import { imageTag } from '../core/labels.js';
import { parseHealthchecks } from '../core/healthcheck-spec.js';
import type { Deps } from './deps.js';
import { defaultDomain } from './app-lookup.js';
import { switchTo } from './switch.js';
import { PUSH_LOCK_WAIT_MS, runOperation } from './operation.js';
import type { BuildService } from './build.js';
import { runReleasePhase } from './release-phase.js';
import { removeOldImages } from './image-hygiene.js';

/** Deploying a pushed commit: build one image, record release vN, run its release phase, switch traffic to it. */
export function deployService(deps: Deps, builds: BuildService) {
  const build = async (app: App, oid: string, out: UserOutput, deployId: number) => {
    const version = deps.store.releases.nextVersion(app.name);
    const tag = imageTag(app.name, version);
    out.step(`Building ${app.name} from commit ${oid.slice(0, 7)}`);
    deps.store.deploys.step(deployId, 'building', version);
    // Read before the build, so that a malformed app.json fails fast.
    const appJson = await deps.git.readFile(app.name, oid, 'app.json');
    const healthchecks = parseHealthchecks(appJson?.toString('utf8'));
    const config = deps.store.config.get(app.name);
    const plan = await builds.buildCommit({ app: app.name, oid, version, tag, deployId, config }, out);
    const commit = await deps.git.commitInfo(app.name, oid);
    return deps.store.releases.create({
      app: app.name,
      image: tag,
      commit: oid,
      author: commit.author,
      message: commit.message,
      healthchecks: appJson ? healthchecks : undefined,
      config,
      processes: plan.processes,
      releaseCommand: plan.releaseCommand,
      description: `Deploy ${oid.slice(0, 7)}: ${commit.message.split('\n')[0]!.slice(0, 72)}`,
      status: 'pending',
    });
  };

  return {
    /** Runs under the app's lock; throws, after telling `out` why, when the build or the switch fails. */
    async deployCommit(appName: string, oid: string, out: UserOutput): Promise<void> {
      try {
        await runOperation(deps, appName, 'push', out, async ({ app, deployId, log }) => {
          const started = deps.clock.now().getTime();
          let release;
          try {
            release = await build(app, oid, out, deployId);
            await runReleasePhase(deps, release, out, deployId);
            out.step(`Releasing v${release.version}`);
            await switchTo(deps, release, out, deployId);
          } catch (e) {
            if (release) deps.store.releases.setStatus(app.name, release.version, 'failed');
            throw e;
          }
          const seconds = ((deps.clock.now().getTime() - started) / 1000).toFixed(1);
          out.step(`Deployed v${release.version} in ${seconds} s: http://${defaultDomain(deps, app.name)}`);
          log.info({ release: release.version, seconds }, 'deployed');
          await removeOldImages(deps, app.name, out);
        }, PUSH_LOCK_WAIT_MS);
      } catch (e) {
        // The first line: a failed health check has already streamed the container's last lines.
        out.error(`Deploy failed: ${errorMessage(e).split('\n')[0]}`);
        throw e instanceof PaasError ? e : new PaasError('DEPLOY_FAILED', errorMessage(e), { cause: e });
      }
    },
  };
}

export type DeployService = ReturnType<typeof deployService>;
