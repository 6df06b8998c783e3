import type { CrashRepo } from '../../../ports.js';
import type { CrashRecord } from '../../../core/model.js';
import type { Db } from './open.js';

interface Row { app: string; process: string; replica: number; exit_code: number | null; exits: number; last_lines: string; crashed_at: string }
const toCrash = (r: Row): CrashRecord => ({
  app: r.app, process: r.process, replica: r.replica, exitCode: r.exit_code ?? undefined, exits: r.exits,
  lastLines: JSON.parse(r.last_lines) as string[], crashedAt: r.crashed_at,
});

export function crashRepo(db: Db): CrashRepo {
  return {
    list: (app) => (db.prepare('SELECT * FROM crashes WHERE app = ? ORDER BY process, replica').all(app) as Row[]).map(toCrash),
    put(c) {
      db.prepare('INSERT OR REPLACE INTO crashes (app, process, replica, exit_code, exits, last_lines, crashed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        c.app, c.process, c.replica, c.exitCode ?? null, c.exits, JSON.stringify(c.lastLines), c.crashedAt,
      );
    },
    clear(app, process) {
      if (process === undefined) db.prepare('DELETE FROM crashes WHERE app = ?').run(app);
      else db.prepare('DELETE FROM crashes WHERE app = ? AND process = ?').run(app, process);
    },
  };
}
