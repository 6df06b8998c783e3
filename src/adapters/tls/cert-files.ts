import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CertFiles, StoredCertFiles } from '../../ports.js';
import { validateAppName } from '../../core/names.js';

/**
 * Certificates under DIR/APP/, one pair of files per certificate (named by fingerprint) so that a new one can be
 * tested by nginx while the old one is still served. Keys are mode 0600 in a 0700 directory.
 */
export function certFilesIn(dir: string): CertFiles {
  const appDir = (app: string) => join(dir, validateAppName(app));
  const writeAtomically = (file: string, content: string, mode: number) => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, content, { mode });
    renameSync(tmp, file);
  };
  return {
    save(app, bundle, fingerprint) {
      if (!/^[0-9A-Fa-f]{16,64}$/.test(fingerprint)) throw new Error(`bad certificate fingerprint ${fingerprint}`);
      const d = appDir(app);
      mkdirSync(d, { recursive: true, mode: 0o700 });
      const base = join(d, fingerprint.slice(0, 16).toLowerCase());
      const files = { certFile: `${base}.crt`, keyFile: `${base}.key` };
      writeAtomically(files.keyFile, bundle.keyPem, 0o600);
      writeAtomically(files.certFile, bundle.certPem, 0o644);
      return files;
    },
    locate(app, files) {
      const name = (file: string) => {
        const base = basename(file);
        if (!/^[0-9a-f]{16}\.(crt|key)$/.test(base)) throw new Error(`unexpected certificate file name ${JSON.stringify(base)}`);
        return join(appDir(app), base);
      };
      return { certFile: name(files.certFile), keyFile: name(files.keyFile) };
    },
    prune(app: string, keep?: StoredCertFiles) {
      const d = appDir(app);
      let names: string[];
      try {
        names = readdirSync(d);
      } catch {
        return;
      }
      for (const name of names) {
        const file = join(d, name);
        if (file !== keep?.certFile && file !== keep?.keyFile) rmSync(file, { force: true });
      }
      if (!keep) rmSync(d, { recursive: true, force: true });
    },
  };
}
