import type { DomainRepo } from '../../../ports.js';
import type { DomainMapping } from '../../../core/model.js';
import { PaasError } from '../../../core/errors.js';
import { nowIso, type Db } from './open.js';

interface Row { domain: string; app: string; created_at: string }
const toMapping = (r: Row): DomainMapping => ({ domain: r.domain, app: r.app, createdAt: r.created_at });

export function domainRepo(db: Db): DomainRepo {
  const get = (domain: string) => {
    const row = db.prepare('SELECT * FROM domains WHERE domain = ?').get(domain) as Row | undefined;
    return row && toMapping(row);
  };
  return {
    list(app) {
      const rows = app
        ? db.prepare('SELECT * FROM domains WHERE app = ? ORDER BY domain').all(app)
        : db.prepare('SELECT * FROM domains ORDER BY domain').all();
      return (rows as Row[]).map(toMapping);
    },
    get,
    add(app, domain) {
      // The primary key makes two apps claiming one name impossible, even for concurrent requests.
      const info = db.prepare('INSERT OR IGNORE INTO domains (domain, app, created_at) VALUES (?, ?, ?)').run(domain, app, nowIso());
      if (info.changes === 0) throw new PaasError('DOMAIN_TAKEN', `${domain} is already a domain of app ${get(domain)?.app ?? '?'}`);
    },
    remove(domain) {
      db.prepare('DELETE FROM domains WHERE domain = ?').run(domain);
    },
  };
}
