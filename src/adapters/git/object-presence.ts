import fs from 'node:fs';
import { join } from 'node:path';
import { IdxReader } from '../../core/git/pack-idx.js';

/**
 * Which objects a repository holds, from its pack indexes (binary search, nothing inflated) and loose objects.
 * Every pack in the store passed the connectivity check when it arrived, so an object found here is complete: its
 * own links are present too.
 */
export class ObjectPresence {
  private constructor(
    private readonly gitdir: string,
    private readonly indexes: IdxReader[],
  ) {}

  static async load(gitdir: string): Promise<ObjectPresence> {
    const dir = join(gitdir, 'objects', 'pack');
    const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
    const indexes: IdxReader[] = [];
    for (const name of names.filter((n) => /^pack-[0-9a-f]{40}\.idx$/.test(n))) {
      indexes.push(new IdxReader(await fs.promises.readFile(join(dir, name))));
    }
    return new ObjectPresence(gitdir, indexes);
  }

  has(oid: string): boolean {
    const raw = Buffer.from(oid, 'hex');
    if (raw.length !== 20) return false;
    if (this.indexes.some((idx) => idx.find(raw) >= 0)) return true;
    return fs.existsSync(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
  }

  /** The ids of `oids` the repository lacks. */
  missing(oids: Iterable<string>): string[] {
    return [...oids].filter((oid) => !this.has(oid));
  }
}
