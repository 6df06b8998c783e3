import type { FormationRepo } from '../../../ports.js';
import type { FormationEntry } from '../../../core/formation.js';
import type { Db } from './open.js';

interface Row { process: string; quantity: number; memory_bytes: number | null; nano_cpus: number | null }
const toEntry = (r: Row): FormationEntry => ({
  process: r.process,
  quantity: r.quantity,
  memoryBytes: r.memory_bytes ?? undefined,
  nanoCpus: r.nano_cpus ?? undefined,
});

export function formationRepo(db: Db): FormationRepo {
  const upsert = (app: string, quantities: Record<string, number>, keepExisting: boolean) => {
    const put = db.prepare(
      `INSERT INTO formation (app, process, quantity) VALUES (?, ?, ?)
       ON CONFLICT (app, process) DO ${keepExisting ? 'NOTHING' : 'UPDATE SET quantity = excluded.quantity'}`,
    );
    db.transaction(() => Object.entries(quantities).forEach(([process, n]) => put.run(app, process, n)))();
  };
  return {
    list: (app) => (db.prepare('SELECT * FROM formation WHERE app = ? ORDER BY process').all(app) as Row[]).map(toEntry),
    setQuantities: (app, quantities) => upsert(app, quantities, false),
    addDefaults: (app, quantities) => upsert(app, quantities, true),
    setResources(app, process, limits) {
      db.transaction(() => {
        db.prepare('INSERT INTO formation (app, process, quantity) VALUES (?, ?, 1) ON CONFLICT (app, process) DO NOTHING').run(app, process);
        if (limits.memoryBytes !== undefined) db.prepare('UPDATE formation SET memory_bytes = ? WHERE app = ? AND process = ?').run(limits.memoryBytes, app, process);
        if (limits.nanoCpus !== undefined) db.prepare('UPDATE formation SET nano_cpus = ? WHERE app = ? AND process = ?').run(limits.nanoCpus, app, process);
      })();
    },
  };
}
