import { PaasError } from '../../../core/errors.js';
import { openDatabase, type Db } from './open.js';

/** Rows that describe the running host, not the apps: a lock belongs to the process that took it. */
const HOST_LOCAL = new Set(['app_locks']);

/** A consistent copy of the live database (SQLite's online backup: writers are not blocked). */
export async function snapshotTo(db: Db, file: string): Promise<void> {
  await db.backup(file);
}

/**
 * Copies every row of a snapshot into this database, table by table, in one transaction. The snapshot is migrated
 * to the current schema first. Rows that collide (the new host's own admin token) are kept as they are; integer ids
 * of global tables are renumbered when the table already has rows.
 */
export function importSnapshot(db: Db, file: string): void {
  openDatabase(file).close(); // brings an older snapshot up to this schema
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
  db.pragma('foreign_keys = OFF');
  try {
    db.prepare('ATTACH DATABASE ? AS snapshot').run(file);
    try {
      db.transaction(() => {
        for (const table of tables.filter((t) => !HOST_LOCAL.has(t))) copyTable(db, table);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new PaasError('INVALID_INPUT', `the backup's state is inconsistent (${broken.length} dangling rows)`);
      })();
    } finally {
      db.prepare('DETACH DATABASE snapshot').run();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

function copyTable(db: Db, table: string): void {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columns = (schema: string) =>
    (db.prepare('SELECT name, pk, type FROM pragma_table_info(?, ?)').all(table, schema) as { name: string; pk: number; type: string }[]);
  const theirs = new Set(columns('snapshot').map((c) => c.name));
  if (theirs.size === 0) return;
  const ours = columns('main');
  const hasRows = db.prepare(`SELECT 1 FROM main.${q(table)} LIMIT 1`).get() !== undefined;
  const shared = ours
    .filter((c) => theirs.has(c.name))
    .filter((c) => !(hasRows && c.pk === 1 && c.type.toUpperCase() === 'INTEGER' && ours.filter((o) => o.pk > 0).length === 1))
    .map((c) => q(c.name));
  if (shared.length === 0) return;
  db.prepare(`INSERT OR IGNORE INTO main.${q(table)} (${shared.join(', ')}) SELECT ${shared.join(', ')} FROM snapshot.${q(table)}`).run();
}
