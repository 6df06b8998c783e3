import type { AppRepo } from '../../../ports.js';
import type { App, DeployStrategy } from '../../../core/model.js';
import type { Slot } from '../../../core/labels.js';
import { PaasError } from '../../../core/errors.js';
import { nowIso, type Db } from './open.js';

interface Row { name: string; created_at: string; current_version: number | null; live_slot: Slot | null; deploy_strategy: DeployStrategy }
const toApp = (r: Row): App => ({
  name: r.name,
  createdAt: r.created_at,
  currentVersion: r.current_version ?? undefined,
  liveSlot: r.live_slot ?? undefined,
  strategy: r.deploy_strategy,
});

export function appRepo(db: Db): AppRepo {
  const get = (name: string) => {
    const row = db.prepare('SELECT * FROM apps WHERE name = ?').get(name) as Row | undefined;
    return row && toApp(row);
  };
  return {
    create(name) {
      const info = db.prepare('INSERT OR IGNORE INTO apps (name, created_at) VALUES (?, ?)').run(name, nowIso());
      if (info.changes === 0) throw new PaasError('APP_EXISTS', `app ${name} already exists`);
      return get(name)!;
    },
    get,
    list: () => (db.prepare('SELECT * FROM apps ORDER BY name').all() as Row[]).map(toApp),
    delete(name) {
      db.prepare('DELETE FROM apps WHERE name = ?').run(name);
    },
    setLive(name, version, slot) {
      db.prepare('UPDATE apps SET current_version = ?, live_slot = ? WHERE name = ?').run(version, slot, name);
    },
    setStrategy(name, strategy) {
      db.prepare('UPDATE apps SET deploy_strategy = ? WHERE name = ?').run(strategy, name);
    },
  };
}
