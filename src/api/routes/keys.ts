import { Router } from 'express';
import type { SshKeysService } from '../../services/ssh-keys.js';

export function keysRoutes(keys: SshKeysService): Router {
  const r = Router();
  r.get('/keys', (_req, res) => {
    res.json(keys.list());
  });
  r.post('/keys', (req, res) => {
    res.status(201).json(keys.add((req.body as { key?: unknown } | undefined)?.key));
  });
  r.delete('/keys/:fingerprint', (req, res) => {
    keys.remove(req.params.fingerprint);
    res.status(204).end();
  });
  return r;
}
