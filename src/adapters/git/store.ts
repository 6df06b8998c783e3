import fs from 'node:fs';
import git from 'isomorphic-git';
import type { GitStore } from '../../ports.js';
import { initRepo, readRefs, RepoPaths } from './repos.js';
import { exportTree } from './export-tree.js';

/** GitStore on bare repositories under `root`, read and written with isomorphic-git. */
export function isoGitStore(paths: RepoPaths): GitStore {
  return {
    async create(app) {
      await fs.promises.mkdir(paths.root, { recursive: true });
      await initRepo(paths.gitdir(app));
    },
    async remove(app) {
      await fs.promises.rm(paths.gitdir(app), { recursive: true, force: true });
    },
    listRefs: async (app) => readRefs(paths.require(app)),
    exportTree: (app, oid, opts) => exportTree(paths.require(app), oid, opts),
    async listRoot(app, oid) {
      const { tree } = await git.readTree({ fs, gitdir: paths.require(app), oid });
      return tree.filter((e) => e.type !== 'commit').map((e) => (e.type === 'tree' ? `${e.path}/` : e.path));
    },
    async commitInfo(app, oid) {
      const { commit } = await git.readCommit({ fs, gitdir: paths.require(app), oid });
      return { oid, message: commit.message.trim(), author: `${commit.author.name} <${commit.author.email}>` };
    },
    async readFile(app, oid, filepath) {
      try {
        const { blob } = await git.readBlob({ fs, gitdir: paths.require(app), oid, filepath });
        return Buffer.from(blob);
      } catch (e) {
        if ((e as { code?: string }).code === 'NotFoundError') return undefined;
        throw e;
      }
    },
  };
}
