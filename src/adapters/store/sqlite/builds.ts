import type { BuildRepo } from '../../../ports.js';
import type { Build, BuildStatus } from '../../../core/model.js';
import { nowIso, type Db } from './open.js';

interface Row {
  id: number; app: string; deploy_id: number | null; commit_oid: string; version: number | null; runtime: string | null;
  status: BuildStatus; error: string | null; started_at: string; finished_at: string | null; duration_ms: number | null;
}
const toBuild = (r: Row): Build => ({
  id: r.id,
  app: r.app,
  deployId: r.deploy_id ?? undefined,
  commit: r.commit_oid,
  version: r.version ?? undefined,
  runtime: r.runtime ?? undefined,
  status: r.status,
  error: r.error ?? undefined,
  startedAt: r.started_at,
  finishedAt: r.finished_at ?? undefined,
  durationMs: r.duration_ms ?? undefined,
});

export function buildRepo(db: Db): BuildRepo {
  const get = (id: number) => {
    const row = db.prepare('SELECT * FROM builds WHERE id = ?').get(id) as Row | undefined;
    return row && toBuild(row);
  };
  return {
    start(b) {
      const info = db
        .prepare(`INSERT INTO builds (app, deploy_id, commit_oid, version, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)`)
        .run(b.app, b.deployId ?? null, b.commit, b.version ?? null, nowIso());
      return get(Number(info.lastInsertRowid))!;
    },
    setRuntime(id, runtime) {
      db.prepare('UPDATE builds SET runtime = ? WHERE id = ?').run(runtime, id);
    },
    finish(id, status, error) {
      const finished = new Date();
      const started = get(id)?.startedAt;
      const duration = started ? finished.getTime() - new Date(started).getTime() : null;
      db.prepare('UPDATE builds SET status = ?, error = ?, finished_at = ?, duration_ms = ? WHERE id = ?').run(
        status, error ?? null, finished.toISOString(), duration, id,
      );
    },
    get,
    list: (app, limit) => (db.prepare('SELECT * FROM builds WHERE app = ? ORDER BY id DESC LIMIT ?').all(app, limit) as Row[]).map(toBuild),
    failInterrupted: () =>
      db
        .prepare(`UPDATE builds SET status = 'failed', error = 'interrupted: paas stopped during the build', finished_at = ? WHERE status = 'running'`)
        .run(nowIso()).changes,
  };
}
