import type { PortRepo } from '../../../ports.js';
import type { PortAssignment } from '../../../core/model.js';
import type { Db } from './open.js';

export function portRepo(db: Db): PortRepo {
  return {
    list(app) {
      const rows = app
        ? db.prepare('SELECT * FROM ports WHERE app = ? ORDER BY process, replica, slot').all(app)
        : db.prepare('SELECT * FROM ports ORDER BY port').all();
      return rows as PortAssignment[];
    },
    assign(rows) {
      const put = db.prepare('INSERT INTO ports (port, app, process, replica, slot) VALUES (@port, @app, @process, @replica, @slot)');
      db.transaction(() => rows.forEach((r) => put.run(r)))();
    },
    releaseApp(app) {
      db.prepare('DELETE FROM ports WHERE app = ?').run(app);
    },
    releaseReplicasAbove(app, process, keep) {
      db.prepare('DELETE FROM ports WHERE app = ? AND process = ? AND replica > ?').run(app, process, keep);
    },
  };
}
