import { Router } from 'express';
import type { BackupService } from '../../services/backup.js';
import { collectOutput } from '../../services/operation.js';

/** GET /backup streams a tar.gz; POST /restore takes one as the raw request body. */
export function backupRoutes(backup: BackupService): Router {
  const r = Router();
  r.get('/backup', async (_req, res) => {
    const stream = await backup.create();
    res.set({ 'Content-Type': 'application/gzip', 'Content-Disposition': 'attachment; filename="paas-backup.tar.gz"' });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
  r.post('/restore', async (req, res) => {
    const out = collectOutput();
    const apps = await backup.restore(req, out);
    res.json({ apps, output: out.lines });
  });
  return r;
}
