import type { UserOutput } from '../ports.js';
import { errorMessage } from '../core/errors.js';
import { imageTagsToRemove } from '../core/build/image-retention.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';

/**
 * After a successful deploy: removes the app's images older than the last `--keep-images` releases (the live one is
 * always kept) and its untagged build leftovers. Scoped by the `paas.app` label; failures are logged, never fatal.
 */
export async function removeOldImages(deps: Deps, appName: string, out: UserOutput): Promise<void> {
  const log = deps.log.child({ app: appName });
  try {
    const app = requireApp(deps, appName);
    const tags = imageTagsToRemove({
      app: app.name,
      tags: await deps.builder.listTags(app.name),
      releases: deps.store.releases.list(app.name),
      keep: deps.settings.build.keepImages,
      liveVersion: app.currentVersion,
    });
    let removed = 0;
    for (const tag of tags) {
      try {
        await deps.builder.remove(tag);
        removed++;
      } catch (e) {
        // e.g. still used by a container: it goes on a later deploy.
        log.warn({ tag, err: errorMessage(e) }, 'old image not removed');
      }
    }
    const dangling = await deps.builder.pruneDangling(app.name);
    if (removed + dangling > 0) {
      out.info(`Removed ${removed} old release image(s) and ${dangling} untagged build image(s); keeping the last ${deps.settings.build.keepImages}`);
    }
  } catch (e) {
    log.warn({ err: errorMessage(e) }, 'image clean-up failed');
  }
}
