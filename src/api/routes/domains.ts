import { Router } from 'express';
import type { DomainsService } from '../../services/domains.js';

export function domainsRoutes(domains: DomainsService): Router {
  const r = Router();
  r.get('/apps/:app/domains', (req, res) => {
    res.json(domains.list(req.params.app));
  });
  r.post('/apps/:app/domains', async (req, res) => {
    const body = (req.body ?? {}) as { domain?: unknown; dnsCheck?: unknown };
    res.status(201).json(await domains.add(req.params.app, body.domain, { dnsCheck: body.dnsCheck !== false }));
  });
  r.delete('/apps/:app/domains/:domain', async (req, res) => {
    res.json(await domains.remove(req.params.app, req.params.domain));
  });
  return r;
}
