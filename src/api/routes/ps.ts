import { Router } from 'express';
import type { PsService } from '../../services/ps.js';

export function psRoutes(ps: PsService): Router {
  const r = Router();
  r.get('/apps/:app/ps', async (req, res) => {
    res.json(await ps.list(req.params.app));
  });
  return r;
}
