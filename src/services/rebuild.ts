import { LABEL } from '../core/labels.js';
import type { Deps } from './deps.js';
import type { RebuildImage } from './backup.js';

/** A release's image, built again from its commit under its own tag (restores onto a host without it). */
export function rebuildImage(deps: Deps): RebuildImage {
  return async (release, out) => {
    await deps.builder.build({
      context: deps.git.exportTree(release.app, release.commit!),
      tag: release.image,
      labels: { [LABEL.app]: release.app, [LABEL.release]: `v${release.version}` },
      onOutput: (line) => out.info(line),
    });
  };
}
