import type { LockRepo } from '../../../ports.js';
import type { AppLock } from '../../../core/model.js';
import type { Db } from './open.js';

const COLUMNS = 'app, operation, owner, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt';

export function lockRepo(db: Db): LockRepo {
  return {
    get: (app) => db.prepare(`SELECT ${COLUMNS} FROM app_locks WHERE app = ?`).get(app) as AppLock | undefined,
    put(l) {
      db.prepare('INSERT OR REPLACE INTO app_locks (app, operation, owner, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)').run(
        l.app, l.operation, l.owner, l.acquiredAt, l.heartbeatAt,
      );
    },
    heartbeat(app, owner, at) {
      db.prepare('UPDATE app_locks SET heartbeat_at = ? WHERE app = ? AND owner = ?').run(at, app, owner);
    },
    release(app, owner) {
      db.prepare('DELETE FROM app_locks WHERE app = ? AND owner = ?').run(app, owner);
    },
    clearOthers: (owner) =>
      db.transaction(() => {
        const rows = db.prepare(`SELECT ${COLUMNS} FROM app_locks WHERE owner != ?`).all(owner) as AppLock[];
        db.prepare('DELETE FROM app_locks WHERE owner != ?').run(owner);
        return rows;
      })(),
  };
}
