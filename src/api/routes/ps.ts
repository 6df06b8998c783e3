import { Router } from 'express';
import type { PsService } from '../../services/ps.js';
import type { ScaleService } from '../../services/scale.js';
import { PaasError } from '../../core/errors.js';
import { parseScale } from '../../core/formation.js';
import { collectOutput } from '../../services/operation.js';

export function psRoutes(ps: PsService, scale: ScaleService): Router {
  const r = Router();
  r.get('/apps/:app/ps', async (req, res) => {
    res.json(await ps.list(req.params.app));
  });
  r.get('/apps/:app/formation', (req, res) => {
    res.json(scale.formation(req.params.app));
  });
  /** Body: {"web": 2, "worker": 1}. */
  r.patch('/apps/:app/formation', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null) throw new PaasError('INVALID_INPUT', 'body must be {"TYPE": N, ...}');
    const wanted = parseScale(Object.entries(body).map(([k, v]) => `${k}=${String(v)}`));
    const out = collectOutput();
    res.json({ formation: await scale.scale(req.params.app, wanted, out), output: out.lines });
  });
  r.post('/apps/:app/ps/restart', async (req, res) => {
    const type = (req.body as { type?: unknown } | undefined)?.type;
    if (type !== undefined && typeof type !== 'string') throw new PaasError('INVALID_INPUT', 'type must be a process type name');
    const out = collectOutput();
    await scale.restart(req.params.app, type, out);
    res.json({ output: out.lines });
  });
  return r;
}
