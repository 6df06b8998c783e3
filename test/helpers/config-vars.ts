import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PaasServer } from './paas-server.js';

/**
 * Sets config vars of an app in the server's state file, as `paas config:set` will (it belongs to another issue and
 * does not exist yet). The next deploy reads them: builds get the build-time ones, containers all of them.
 */
export function setConfigVars(paas: PaasServer, app: string, vars: Record<string, string>): void {
  const db = new Database(join(paas.dataDir, 'paas.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const put = db.prepare('INSERT INTO config (app, key, value) VALUES (?, ?, ?) ON CONFLICT (app, key) DO UPDATE SET value = excluded.value');
    db.transaction(() => Object.entries(vars).forEach(([k, v]) => put.run(app, k, v)))();
  } finally {
    db.close();
  }
}
