import type { DeployRepo } from '../../../ports.js';
import type { Deploy, DeployStatus } from '../../../core/model.js';
import { nowIso, type Db } from './open.js';

interface Row {
  id: number; app: string; version: number | null; kind: string; status: DeployStatus; step: string;
  error: string | null; started_at: string; finished_at: string | null;
}
const toDeploy = (r: Row): Deploy => ({
  id: r.id,
  app: r.app,
  version: r.version ?? undefined,
  kind: r.kind,
  status: r.status,
  step: r.step,
  error: r.error ?? undefined,
  startedAt: r.started_at,
  finishedAt: r.finished_at ?? undefined,
});

export function deployRepo(db: Db): DeployRepo {
  return {
    start(app, kind) {
      const info = db
        .prepare(`INSERT INTO deploys (app, kind, status, step, started_at) VALUES (?, ?, 'running', 'started', ?)`)
        .run(app, kind, nowIso());
      return toDeploy(db.prepare('SELECT * FROM deploys WHERE id = ?').get(info.lastInsertRowid) as Row);
    },
    step(id, step, version) {
      db.prepare('UPDATE deploys SET step = ?, version = coalesce(?, version) WHERE id = ?').run(step, version ?? null, id);
    },
    finish(id, status, error) {
      db.prepare('UPDATE deploys SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error ?? null, nowIso(), id);
    },
    list: (app) => (db.prepare('SELECT * FROM deploys WHERE app = ? ORDER BY id DESC').all(app) as Row[]).map(toDeploy),
    running: () => (db.prepare(`SELECT * FROM deploys WHERE status = 'running' ORDER BY id`).all() as Row[]).map(toDeploy),
  };
}
