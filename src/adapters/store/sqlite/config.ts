import type { ConfigRepo } from '../../../ports.js';
import type { Db } from './open.js';

export function configRepo(db: Db): ConfigRepo {
  return {
    get(app) {
      const rows = db.prepare('SELECT key, value FROM config WHERE app = ? ORDER BY key').all(app) as { key: string; value: string }[];
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },
    update(app, set, unset) {
      const put = db.prepare('INSERT INTO config (app, key, value) VALUES (?, ?, ?) ON CONFLICT (app, key) DO UPDATE SET value = excluded.value');
      const del = db.prepare('DELETE FROM config WHERE app = ? AND key = ?');
      db.transaction(() => {
        for (const [k, v] of Object.entries(set)) put.run(app, k, v);
        for (const k of unset) del.run(app, k);
      })();
    },
    replace(app, vars) {
      const put = db.prepare('INSERT INTO config (app, key, value) VALUES (?, ?, ?)');
      db.transaction(() => {
        db.prepare('DELETE FROM config WHERE app = ?').run(app);
        for (const [k, v] of Object.entries(vars)) put.run(app, k, v);
      })();
    },
  };
}
