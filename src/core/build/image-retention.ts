import type { Release } from '../model.js';
import { imageRepository } from '../labels.js';

/**
 * Image tags of an app to remove after a successful deploy: every `paas/APP:vN` tag except the images of the `keep`
 * newest releases that did not fail, and always the live release's image (a rollback may have made an old one live).
 * Several releases may share one image (config changes, rollbacks); images are counted, not releases.
 */
export function imageTagsToRemove(input: { app: string; tags: string[]; releases: Release[]; keep: number; liveVersion?: number }): string[] {
  const keep = new Set<string>();
  const newestFirst = [...input.releases].sort((a, b) => b.version - a.version);
  for (const r of newestFirst) {
    if (keep.size >= input.keep) break;
    if (r.status !== 'failed') keep.add(r.image);
  }
  const live = input.releases.find((r) => r.version === input.liveVersion);
  if (live) keep.add(live.image);
  const ours = new RegExp(`^${imageRepository(input.app)}:v[0-9]+$`);
  return input.tags.filter((t) => ours.test(t) && !keep.has(t));
}
