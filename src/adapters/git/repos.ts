import fs from 'node:fs';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { validateAppName } from '../../core/names.js';
import { PaasError } from '../../core/errors.js';
import type { AdvertisedRef } from '../../core/git/advertise.js';

/** Where the bare repositories live; every path is built from a validated app name. */
export class RepoPaths {
  constructor(readonly root: string) {}

  gitdir(app: string): string {
    return join(this.root, `${validateAppName(app)}.git`);
  }

  exists(app: string): boolean {
    return fs.existsSync(join(this.gitdir(app), 'HEAD'));
  }

  require(app: string): string {
    if (!this.exists(app)) throw new PaasError('APP_NOT_FOUND', `app ${app} not found`);
    return this.gitdir(app);
  }
}

export async function initRepo(gitdir: string): Promise<void> {
  await git.init({ fs, dir: gitdir, gitdir, bare: true, defaultBranch: 'main' });
}

/** Branches and tags with the object each points to (what receive-pack advertises). */
export async function readRefs(gitdir: string): Promise<AdvertisedRef[]> {
  const refs: AdvertisedRef[] = [];
  for (const prefix of ['refs/heads', 'refs/tags']) {
    for (const name of await git.listRefs({ fs, gitdir, filepath: prefix })) {
      const ref = `${prefix}/${name}`;
      refs.push({ ref, oid: await git.resolveRef({ fs, gitdir, ref, depth: 1 }) });
    }
  }
  return refs;
}

/** The current object of a ref, or undefined when it does not exist. */
export async function refOid(gitdir: string, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs, gitdir, ref, depth: 1 });
  } catch (e) {
    if ((e as { code?: string }).code === 'NotFoundError') return undefined;
    throw e;
  }
}

/**
 * Points a (validated) ref at `oid` all at once: the new value goes to `ref.lock`, then is renamed over the ref, so
 * that a crash leaves the old value or the new one, never a torn file. Callers hold the app's git lock.
 */
export async function writeRefAtomic(gitdir: string, ref: string, oid: string): Promise<void> {
  const path = join(gitdir, ref);
  const lock = `${path}.lock`;
  await fs.promises.mkdir(dirname(path), { recursive: true });
  await fs.promises.rm(lock, { force: true }); // a lock left by a crash: the app lock says nobody else writes now
  await fs.promises.writeFile(lock, `${oid}\n`, { flag: 'wx' });
  try {
    await fs.promises.rename(lock, path);
  } catch (e) {
    await fs.promises.rm(lock, { force: true });
    throw e;
  }
}

export async function deleteRef(gitdir: string, ref: string): Promise<void> {
  await git.deleteRef({ fs, gitdir, ref });
}
