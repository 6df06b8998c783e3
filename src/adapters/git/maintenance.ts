import fs from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { errorMessage } from '../../core/errors.js';
import type { KeyedMutex } from '../../core/mutex.js';
import { isValidAppName } from '../../core/names.js';
import { consolidatePacks, type ConsolidateResult } from './consolidate.js';
import { incomingDir } from './pack-intake.js';
import type { RepoPaths } from './repos.js';

/** A quarantine untouched this long belongs to a push that died with paas (a crash, a kill -9). */
const STALE_QUARANTINE_MS = 24 * 3600_000;

/** Periodic repository upkeep: one pack per repository instead of one per push, and no stale quarantines. */
export function gitMaintenance(paths: RepoPaths, locks: KeyedMutex, log: Logger, opts: { maxObjectBytes: number }) {
  const consolidate = (app: string): Promise<ConsolidateResult | undefined> =>
    locks.run(app, async () => {
      const gitdir = paths.require(app);
      await removeStaleQuarantines(gitdir);
      return consolidatePacks(gitdir, opts);
    });

  return {
    consolidate,

    /** Every app in turn; one app's failure is logged and does not stop the others. */
    async consolidateAll(): Promise<void> {
      const names = await fs.promises.readdir(paths.root).catch(() => [] as string[]);
      for (const app of names.filter((n) => n.endsWith('.git')).map((n) => n.slice(0, -4)).filter(isValidAppName)) {
        try {
          const r = await consolidate(app);
          if (r) log.info({ app, ...r }, 'git packs consolidated');
        } catch (e) {
          log.error({ app, err: errorMessage(e) }, 'git pack consolidation failed');
        }
      }
    },
  };
}

async function removeStaleQuarantines(gitdir: string): Promise<void> {
  const root = incomingDir(gitdir);
  for (const name of await fs.promises.readdir(root).catch(() => [] as string[])) {
    const dir = join(root, name);
    const files = await fs.promises.readdir(dir).catch(() => [] as string[]);
    const times = await Promise.all([dir, ...files.map((f) => join(dir, f))].map((p) => fs.promises.stat(p).then((s) => s.mtimeMs, () => 0)));
    if (Date.now() - Math.max(...times) > STALE_QUARANTINE_MS) await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

export type GitMaintenance = ReturnType<typeof gitMaintenance>;
