import type { CertRepo } from '../../../ports.js';
import type { CertRecord, TlsMode } from '../../../core/model.js';
import type { Db } from './open.js';

interface Row { app: string; mode: TlsMode; cert_json: string | null; last_error: string | null; failures: number; next_attempt_at: string | null }
const toRecord = (r: Row): CertRecord => ({
  app: r.app,
  mode: r.mode,
  current: r.cert_json ? JSON.parse(r.cert_json) : undefined,
  lastError: r.last_error ?? undefined,
  failures: r.failures,
  nextAttemptAt: r.next_attempt_at ?? undefined,
});

export function certRepo(db: Db): CertRepo {
  return {
    get(app) {
      const row = db.prepare('SELECT * FROM certs WHERE app = ?').get(app) as Row | undefined;
      return row && toRecord(row);
    },
    list: () => (db.prepare('SELECT * FROM certs ORDER BY app').all() as Row[]).map(toRecord),
    setMode(app, mode) {
      db.prepare(
        `INSERT INTO certs (app, mode) VALUES (?, ?)
         ON CONFLICT (app) DO UPDATE SET mode = excluded.mode, last_error = NULL, failures = 0, next_attempt_at = NULL`,
      ).run(app, mode);
    },
    // The two below update a record that setMode created: every TLS change starts by choosing the mode.
    install(app, cert) {
      db.prepare('UPDATE certs SET cert_json = ?, last_error = NULL, failures = 0, next_attempt_at = NULL WHERE app = ?').run(JSON.stringify(cert), app);
    },
    recordFailure(app, error, nextAttemptAt) {
      db.prepare('UPDATE certs SET last_error = ?, failures = failures + 1, next_attempt_at = ? WHERE app = ?').run(error, nextAttemptAt, app);
    },
    uninstall(app) {
      db.prepare('UPDATE certs SET cert_json = NULL WHERE app = ?').run(app);
    },
  };
}
