import type { TokenRepo } from '../../../ports.js';
import type { Token } from '../../../core/model.js';
import { nowIso, type Db } from './open.js';

interface Row { id: number; name: string; created_at: string }
const toToken = (r: Row): Token => ({ id: r.id, name: r.name, createdAt: r.created_at });

export function tokenRepo(db: Db): TokenRepo {
  return {
    add(name, hash) {
      const info = db.prepare('INSERT INTO tokens (name, hash, created_at) VALUES (?, ?, ?)').run(name, hash, nowIso());
      return toToken(db.prepare('SELECT * FROM tokens WHERE id = ?').get(info.lastInsertRowid) as Row);
    },
    findByHash(hash) {
      const row = db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash) as Row | undefined;
      return row && toToken(row);
    },
    count: () => (db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n,
  };
}
