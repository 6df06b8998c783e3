import { Router } from 'express';
import type { AppSettingsService, ResourceLimits } from '../../services/app-settings.js';
import { PaasError } from '../../core/errors.js';
import { parseCpus, parseMemory } from '../../core/resources.js';
import { parseMount } from '../../core/volumes.js';
import { collectOutput } from '../../services/operation.js';

/** resources:set, storage:mount/unmount and the deploy strategy. */
export function appSettingsRoutes(settings: AppSettingsService): Router {
  const r = Router();
  r.get('/apps/:app/resources', (req, res) => {
    res.json(settings.resources(req.params.app));
  });
  /** Body: {"memory": "512m" | null, "cpus": "0.5" | null}; null removes a limit. */
  r.patch('/apps/:app/resources/:process', async (req, res) => {
    const body = (req.body ?? {}) as { memory?: unknown; cpus?: unknown };
    const limits: ResourceLimits = {
      memoryBytes: body.memory === null ? null : body.memory === undefined ? undefined : parseMemory(String(body.memory)),
      nanoCpus: body.cpus === null ? null : body.cpus === undefined ? undefined : parseCpus(String(body.cpus)),
    };
    const out = collectOutput();
    await settings.setResources(req.params.app, req.params.process, limits, out);
    res.json({ output: out.lines });
  });
  r.get('/apps/:app/storage', (req, res) => {
    res.json(settings.volumes(req.params.app));
  });
  /** Body: {"mount": "HOST:CONTAINER"}. */
  r.post('/apps/:app/storage', async (req, res) => {
    const out = collectOutput();
    await settings.mount(req.params.app, parseMount(mountOf(req.body)), out);
    res.json({ output: out.lines });
  });
  r.post('/apps/:app/storage/unmount', async (req, res) => {
    const out = collectOutput();
    await settings.unmount(req.params.app, parseMount(mountOf(req.body)), out);
    res.json({ output: out.lines });
  });
  r.put('/apps/:app/strategy', (req, res) => {
    const strategy = (req.body as { strategy?: unknown } | undefined)?.strategy;
    if (strategy !== 'blue-green' && strategy !== 'stop-first') throw new PaasError('INVALID_INPUT', 'strategy must be blue-green or stop-first');
    settings.setStrategy(req.params.app, strategy);
    res.status(204).end();
  });
  return r;
}

function mountOf(body: unknown): string {
  const mount = (body as { mount?: unknown } | undefined)?.mount;
  if (typeof mount !== 'string') throw new PaasError('INVALID_INPUT', 'body must be {"mount": "HOST_PATH:CONTAINER_PATH"}');
  return mount;
}
