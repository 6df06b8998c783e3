import type { ReleaseRepo } from '../../../ports.js';
import type { Release, ReleaseStatus } from '../../../core/model.js';
import { nowIso, type Db } from './open.js';

interface Row {
  app: string; version: number; image: string; commit_oid: string | null; config_json: string;
  processes_json: string; release_command: string | null; description: string; status: ReleaseStatus; created_at: string;
  author: string | null; message: string | null; healthchecks_json: string | null;
}
const toRelease = (r: Row): Release => ({
  app: r.app,
  version: r.version,
  image: r.image,
  commit: r.commit_oid ?? undefined,
  author: r.author ?? undefined,
  message: r.message ?? undefined,
  healthchecks: r.healthchecks_json ? JSON.parse(r.healthchecks_json) : undefined,
  config: JSON.parse(r.config_json),
  processes: JSON.parse(r.processes_json),
  releaseCommand: r.release_command ?? undefined,
  description: r.description,
  status: r.status,
  createdAt: r.created_at,
});

export function releaseRepo(db: Db): ReleaseRepo {
  const nextVersion = (app: string) =>
    (db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM releases WHERE app = ?').get(app) as { v: number }).v;
  const get = (app: string, version: number) => {
    const row = db.prepare('SELECT * FROM releases WHERE app = ? AND version = ?').get(app, version) as Row | undefined;
    return row && toRelease(row);
  };
  return {
    nextVersion,
    create: (r) =>
      db.transaction(() => {
        const version = nextVersion(r.app);
        db.prepare(
          `INSERT INTO releases (app, version, image, commit_oid, config_json, processes_json, description, status, created_at,
                                 author, message, healthchecks_json, release_command)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          r.app, version, r.image, r.commit ?? null, JSON.stringify(r.config), JSON.stringify(r.processes), r.description, r.status, nowIso(),
          r.author ?? null, r.message ?? null, r.healthchecks ? JSON.stringify(r.healthchecks) : null, r.releaseCommand ?? null,
        );
        return get(r.app, version)!;
      })(),
    get,
    list: (app) => (db.prepare('SELECT * FROM releases WHERE app = ? ORDER BY version DESC').all(app) as Row[]).map(toRelease),
    setStatus(app, version, status) {
      db.prepare('UPDATE releases SET status = ? WHERE app = ? AND version = ?').run(status, app, version);
    },
  };
}
