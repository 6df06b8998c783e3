import fs from 'node:fs';
import { Readable } from 'node:stream';
import git from 'isomorphic-git';
import tar from 'tar-stream';
import type { ExportOptions } from '../../ports.js';

/**
 * Streams the tree of a commit as a tar archive (a docker build context): regular and executable files and
 * symlinks; submodules (commits inside a tree) are skipped. `exclude` leaves paths out (their blobs are not even
 * read); `extraFiles` are appended, with the same fixed mtime so that the engine's layer cache sees equal files.
 */
export function exportTree(gitdir: string, oid: string, opts: ExportOptions = {}): Readable {
  const pack = tar.pack();
  const cache = {};
  const walk = async (treeOid: string, prefix: string): Promise<void> => {
    const { tree } = await git.readTree({ fs, gitdir, oid: treeOid, cache });
    for (const entry of tree) {
      const path = prefix + entry.path;
      if (entry.type !== 'tree' && opts.exclude?.(path)) continue;
      if (entry.type === 'tree') {
        await walk(entry.oid, `${path}/`);
      } else if (entry.type === 'blob') {
        const { blob } = await git.readBlob({ fs, gitdir, oid: entry.oid, cache });
        if (entry.mode === '120000') {
          await addEntry(pack, { name: path, type: 'symlink', linkname: Buffer.from(blob).toString('utf8'), mode: 0o777 });
        } else {
          await addEntry(pack, { name: path, mode: entry.mode === '100755' ? 0o755 : 0o644, mtime: new Date(0) }, Buffer.from(blob));
        }
      }
    }
  };
  git
    .readCommit({ fs, gitdir, oid, cache })
    .then((c) => walk(c.commit.tree, ''))
    .then(async () => {
      for (const f of opts.extraFiles ?? []) await addEntry(pack, { name: f.path, mode: 0o644, mtime: new Date(0) }, Buffer.from(f.content));
    })
    .then(() => pack.finalize())
    .catch((e) => pack.destroy(e));
  return pack as unknown as Readable;
}

function addEntry(pack: tar.Pack, header: Partial<tar.Header> & { name: string }, body?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error | null) => (err ? reject(err) : resolve());
    if (body) pack.entry(header as tar.Header, body, done);
    else pack.entry(header as tar.Header, done);
  });
}
