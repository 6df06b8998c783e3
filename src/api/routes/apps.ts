import { Router } from 'express';
import type { AppsService } from '../../services/apps.js';
import { PaasError } from '../../core/errors.js';

export function appsRoutes(apps: AppsService): Router {
  const r = Router();
  r.get('/apps', (_req, res) => {
    res.json(apps.list());
  });
  r.post('/apps', async (req, res) => {
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string') throw new PaasError('INVALID_INPUT', 'body must be {"name": "APP"}');
    res.status(201).json(await apps.create(name));
  });
  r.get('/apps/:app', (req, res) => {
    res.json(apps.info(req.params.app));
  });
  r.delete('/apps/:app', async (req, res) => {
    await apps.destroy(req.params.app, typeof req.query.confirm === 'string' ? req.query.confirm : undefined);
    res.status(204).end();
  });
  return r;
}
