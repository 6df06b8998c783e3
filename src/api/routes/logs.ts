import { Router } from 'express';
import type { LogsService } from '../../services/logs.js';
import { PaasError } from '../../core/errors.js';

export function logsRoutes(logs: LogsService): Router {
  const r = Router();
  r.get('/apps/:app/logs', async (req, res) => {
    const tail = req.query.tail === undefined ? 100 : Number(req.query.tail);
    if (!Number.isInteger(tail) || tail < 0 || tail > 100_000) throw new PaasError('INVALID_INPUT', 'tail must be a whole number up to 100000');
    const stream = await logs.stream(req.params.app, {
      follow: req.query.follow === '1' || req.query.follow === 'true',
      tail,
      process: typeof req.query.process === 'string' ? req.query.process : undefined,
    });
    res.type('text/plain; charset=utf-8');
    res.flushHeaders();
    req.on('close', () => stream.destroy());
    stream.pipe(res);
  });
  return r;
}
