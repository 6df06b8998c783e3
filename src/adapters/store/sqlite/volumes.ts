import type { VolumeRepo } from '../../../ports.js';
import type { VolumeMount } from '../../../core/volumes.js';
import type { Db } from './open.js';

export function volumeRepo(db: Db): VolumeRepo {
  return {
    list: (app) =>
      db.prepare('SELECT host_path AS hostPath, container_path AS containerPath FROM volumes WHERE app = ? ORDER BY container_path').all(app) as VolumeMount[],
    add(app, m) {
      db.prepare(
        'INSERT INTO volumes (app, host_path, container_path) VALUES (?, ?, ?) ON CONFLICT (app, container_path) DO UPDATE SET host_path = excluded.host_path',
      ).run(app, m.hostPath, m.containerPath);
    },
    remove: (app, containerPath) => db.prepare('DELETE FROM volumes WHERE app = ? AND container_path = ?').run(app, containerPath).changes > 0,
  };
}
