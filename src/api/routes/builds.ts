import { Router } from 'express';
import type { BuildService } from '../../services/build.js';

export function buildsRoutes(builds: BuildService): Router {
  const r = Router();
  r.get('/apps/:app/builds', (req, res) => {
    res.json(builds.list(req.params.app));
  });
  r.post('/apps/:app/builds/cancel', (req, res) => {
    res.json(builds.cancel(req.params.app));
  });
  return r;
}
