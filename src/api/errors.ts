import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isPaasError, PaasError } from '../core/errors.js';
import { statusOf } from './error-status.js';

/** The API's only error handler: `{ error: { code, message, hint } }` with the status from the table. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: PaasError;
    if (isPaasError(err)) e = err;
    else if ((err as { type?: string }).type === 'entity.parse.failed') e = new PaasError('INVALID_INPUT', 'the request body is not valid JSON');
    else if ((err as { type?: string }).type === 'entity.too.large') e = new PaasError('INVALID_INPUT', 'the request body is too large');
    else {
      log.error({ err, path: req.path }, 'unexpected error');
      e = new PaasError('INTERNAL', 'internal error (see the server log)');
    }
    const status = statusOf(e.code);
    if (status === 401) res.set('WWW-Authenticate', 'Basic realm="paas"');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ error: { code: e.code, message: e.message, hint: e.hint } });
  };
}

export const notFound: RequestHandler = (req, _res, next) =>
  next(new PaasError('NOT_FOUND', `no such endpoint: ${req.method} ${req.path.slice(0, 100)}`));
