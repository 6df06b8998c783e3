import { Router } from 'express';
import type { CertsService } from '../../services/certs.js';

export function certsRoutes(certs: CertsService): Router {
  const r = Router();
  r.get('/apps/:app/certs', (req, res) => {
    res.json(certs.info(req.params.app));
  });
  r.post('/apps/:app/certs/auto', async (req, res) => {
    res.json(await certs.auto(req.params.app));
  });
  r.put('/apps/:app/certs', async (req, res) => {
    const body = (req.body ?? {}) as { cert?: string; key?: string };
    res.json(await certs.add(req.params.app, { certPem: body.cert as string, keyPem: body.key as string }));
  });
  r.delete('/apps/:app/certs', async (req, res) => {
    res.json(await certs.remove(req.params.app));
  });
  return r;
}
