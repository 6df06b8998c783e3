import type { Readable } from 'node:stream';
import type { BackupArchive, UserOutput } from '../ports.js';
import type { BuildService } from './build.js';
import { PaasError, errorMessage } from '../core/errors.js';
import type { Deps } from './deps.js';
import { appRoute } from './routes.js';
import { runOperation } from './operation.js';
import { switchTo } from './switch.js';
import { recoverInterruptedDeploys } from './recovery.js';


export interface RestoredApp {
  app: string;
  ok: boolean;
  version?: number;
  error?: string;
}

/**
 * Backups of the whole paas (state, repositories, certificates) and restores onto a paas with no apps: every app is
 * routed again and its live release rebuilt from its stored commit when the image is missing, then started.
 */
export function backupService(deps: Deps, archive: BackupArchive, builds: BuildService) {
  const restoreApp = async (name: string, out: UserOutput): Promise<RestoredApp> => {
    const app = deps.store.apps.get(name)!;
    const cert = deps.store.certs.get(name)?.current;
    if (cert) deps.store.certs.install(name, { ...cert, ...deps.certFiles.locate(name, cert) });
    await deps.router.applyApp(appRoute(deps, name));
    if (app.currentVersion === undefined) return { app: name, ok: true };
    const release = deps.store.releases.get(name, app.currentVersion)!;
    await runOperation(deps, name, 'restore', out, async ({ deployId }) => {
      if (!(await deps.builder.exists(release.image))) {
        out.step(`Rebuilding ${release.image} from commit ${(release.commit ?? '?').slice(0, 7)}`);
        if (!release.commit) throw new PaasError('BUILD_FAILED', `v${release.version} has no commit to rebuild from`);
        // The same build as a push, under the release's own tag; its release phase already ran on the old host.
        await builds.buildCommit({ app: name, oid: release.commit, version: release.version, tag: release.image, deployId, config: release.config }, out);
      }
      await switchTo(deps, release, out, deployId);
    });
    return { app: name, ok: true, version: release.version };
  };

  return {
    create: (): Promise<Readable> => archive.create(),

    async restore(input: Readable, out: UserOutput): Promise<RestoredApp[]> {
      const existing = deps.store.apps.list();
      if (existing.length > 0) {
        throw new PaasError('INVALID_INPUT', `restore needs a paas without apps (this one has ${existing.length})`, {
          hint: 'restore onto a fresh server or data dir',
        });
      }
      out.step('Unpacking the backup');
      await archive.restore(input);
      recoverInterruptedDeploys(deps); // a backup taken during a deploy
      const results: RestoredApp[] = [];
      for (const { name } of deps.store.apps.list()) {
        out.step(`Restoring ${name}`);
        try {
          results.push(await restoreApp(name, out));
        } catch (e) {
          out.error(`${name}: ${errorMessage(e)}`);
          results.push({ app: name, ok: false, error: errorMessage(e) });
        }
      }
      out.step(`Restored ${results.filter((r) => r.ok).length} of ${results.length} apps`);
      return results;
    },
  };
}

export type BackupService = ReturnType<typeof backupService>;
