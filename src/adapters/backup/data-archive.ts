import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { BackupArchive, StateStore } from '../../ports.js';
import { PaasError, errorMessage } from '../../core/errors.js';
import { addFile, addTree, extractSafely } from './tar-dir.js';

const FORMAT = 'paas-backup-1';
const MAX_BACKUP_BYTES = 64 * 1024 ** 3;

export interface ArchivedFolder {
  /** A data-dir subfolder that holds state besides the store (repos, certificates, keys). */
  name: string;
  /**
   * Runs the copy of one entry of the folder (a repository) under the lock its writers take, so that a pack
   * consolidation, which deletes the packs it merged, cannot happen in the middle of the copy.
   */
  lockEntry?: (entry: string, copy: () => Promise<void>) => Promise<void>;
  /** Paths (relative to the folder) never archived: quarantined pushes. */
  skip?: RegExp;
}

export interface DataArchiveOptions {
  dataDir: string;
  store: StateStore;
  folders: ArchivedFolder[];
}

// A ref copied before the objects it names is satisfied by the objects copied after it.
const REFS_FIRST = (rel: string) => /(^|\/)(refs\/|packed-refs$|HEAD$)/.test(rel);

/** Backups as tar.gz: FORMAT, state.db (an online snapshot), then each folder; git refs go before objects. */
export function dataArchive(opts: DataArchiveOptions): BackupArchive {
  const tmpDir = join(opts.dataDir, 'tmp');
  const scratch = () => {
    fs.mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
    return join(tmpDir, `backup-${randomBytes(6).toString('hex')}`);
  };

  return {
    async create() {
      const work = scratch();
      fs.mkdirSync(work, { mode: 0o700 });
      const snapshot = join(work, 'state.db');
      await opts.store.snapshot(snapshot);
      const pack = tar.pack();
      const gzip = pack.pipe(createGzip());
      (async () => {
        await new Promise<void>((resolve, reject) => pack.entry({ name: 'FORMAT', mode: 0o644 }, FORMAT + '\n', (e) => (e ? reject(e) : resolve())));
        await addFile(pack, snapshot, 'state.db');
        for (const folder of opts.folders) {
          const root = join(opts.dataDir, folder.name);
          const lock = folder.lockEntry ?? ((_entry: string, copy: () => Promise<void>) => copy());
          const entries = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }) : [];
          for (const entry of entries) {
            const path = join(root, entry.name);
            const name = `${folder.name}/${entry.name}`;
            if (entry.isFile()) await addFile(pack, path, name);
            else if (entry.isDirectory()) await lock(entry.name, () => addTree(pack, path, name, REFS_FIRST, folder.skip));
          }
        }
        pack.finalize();
      })()
        .catch((e) => gzip.destroy(e))
        .finally(() => fs.rmSync(work, { recursive: true, force: true }));
      return gzip;
    },

    async restore(input: Readable) {
      const work = scratch();
      try {
        try {
          await extractSafely(input.pipe(createGunzip()), work, MAX_BACKUP_BYTES);
        } catch (e) {
          throw new PaasError('INVALID_INPUT', `not a paas backup: ${errorMessage(e)}`);
        }
        const format = fs.existsSync(join(work, 'FORMAT')) ? fs.readFileSync(join(work, 'FORMAT'), 'utf8').trim() : '';
        if (format !== FORMAT || !fs.existsSync(join(work, 'state.db'))) throw new PaasError('INVALID_INPUT', 'not a paas backup (no FORMAT or state.db)');
        const moves: [string, string][] = [];
        for (const { name: folder } of opts.folders) {
          const from = join(work, folder);
          if (!fs.existsSync(from)) continue;
          for (const name of fs.readdirSync(from)) {
            const to = join(opts.dataDir, folder, name);
            if (fs.existsSync(to)) throw new PaasError('INVALID_INPUT', `restore would overwrite ${folder}/${name}`);
            moves.push([join(from, name), to]);
          }
        }
        // The state lands in one transaction first; renames in the same file system then cannot half-fail.
        opts.store.importSnapshot(join(work, 'state.db'));
        for (const [from, to] of moves) {
          fs.mkdirSync(join(to, '..'), { recursive: true, mode: 0o700 });
          fs.renameSync(from, to);
        }
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}
