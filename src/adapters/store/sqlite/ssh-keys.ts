import type { SshKeyRepo } from '../../../ports.js';
import type { SshKey } from '../../../core/model.js';
import { PaasError } from '../../../core/errors.js';
import { nowIso, type Db } from './open.js';

interface Row { fingerprint: string; type: string; blob: Buffer; comment: string; created_at: string }
const toKey = (r: Row): SshKey => ({ fingerprint: r.fingerprint, type: r.type, comment: r.comment, createdAt: r.created_at });

export function sshKeyRepo(db: Db): SshKeyRepo {
  const find = (fingerprint: string) => {
    const row = db.prepare('SELECT * FROM ssh_keys WHERE fingerprint = ?').get(fingerprint) as Row | undefined;
    return row && { ...toKey(row), blob: row.blob };
  };
  return {
    add(key, blob) {
      const info = db
        .prepare('INSERT OR IGNORE INTO ssh_keys (fingerprint, type, blob, comment, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(key.fingerprint, key.type, blob, key.comment, nowIso());
      if (info.changes === 0) throw new PaasError('KEY_EXISTS', `key ${key.fingerprint} is already registered`);
      return toKey(db.prepare('SELECT * FROM ssh_keys WHERE fingerprint = ?').get(key.fingerprint) as Row);
    },
    list: () => (db.prepare('SELECT * FROM ssh_keys ORDER BY created_at, fingerprint').all() as Row[]).map(toKey),
    find,
    remove: (fingerprint) => db.prepare('DELETE FROM ssh_keys WHERE fingerprint = ?').run(fingerprint).changes > 0,
  };
}
