import { Router } from 'express';
import type { ReleasesService } from '../../services/releases.js';
import { PaasError } from '../../core/errors.js';
import { parseVersion } from '../../core/labels.js';
import { collectOutput } from '../../services/operation.js';

/** Config vars (GET, PATCH with Heroku's semantics: null unsets), releases and rollback. */
export function releasesRoutes(releases: ReleasesService): Router {
  const r = Router();
  r.get('/apps/:app/config', (req, res) => {
    res.json(releases.config(req.params.app));
  });
  r.patch('/apps/:app/config', async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new PaasError('INVALID_INPUT', 'body must be {"KEY": "value" or null, ...}');
    const out = collectOutput();
    res.json({ ...(await releases.changeConfig(req.params.app, body as Record<string, unknown>, out)), output: out.lines });
  });
  r.get('/apps/:app/releases', (req, res) => {
    res.json(releases.list(req.params.app));
  });
  r.get('/apps/:app/releases/:version', (req, res) => {
    res.json(releases.info(req.params.app, version(req.params.version)));
  });
  r.post('/apps/:app/rollback', async (req, res) => {
    const raw = (req.body as { version?: unknown } | undefined)?.version;
    const out = collectOutput();
    const result = await releases.rollback(req.params.app, raw === undefined || raw === null ? undefined : version(String(raw)), out);
    res.json({ ...result, output: out.lines });
  });
  return r;
}

function version(text: string): number {
  const v = parseVersion(text);
  if (v === undefined) throw new PaasError('INVALID_INPUT', `not a release: ${JSON.stringify(text).slice(0, 30)}`, { hint: 'e.g. v3' });
  return v;
}
