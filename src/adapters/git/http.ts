import { createGunzip } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { validateAppName } from '../../core/names.js';
import { errorMessage, isPaasError } from '../../core/errors.js';
import type { ReceivePack } from './receive.js';

/**
 * git smart HTTP (receive-pack only): `GET /APP.git/info/refs?service=git-receive-pack` and
 * `POST /APP.git/git-receive-pack`. `auth` runs first and answers 401 with a Basic challenge.
 */
export function gitHttpRouter(receive: ReceivePack, auth: RequestHandler): Router {
  const router = Router();
  const appOf = (req: Request) => validateAppName(String(req.params.repo));

  router.get('/:repo.git/info/refs', auth, async (req, res) => {
    if (req.query.service !== 'git-receive-pack') {
      res.status(403).type('text/plain').send('only git push is served here (git-receive-pack)\n');
      return;
    }
    try {
      const body = await receive.advertise(appOf(req), true);
      res.set({ 'Content-Type': 'application/x-git-receive-pack-advertisement', 'Cache-Control': 'no-cache' }).send(body);
    } catch (e) {
      sendGitError(res, e);
    }
  });

  router.post('/:repo.git/git-receive-pack', auth, async (req, res) => {
    let app: string;
    try {
      app = appOf(req);
    } catch (e) {
      sendGitError(res, e);
      return;
    }
    const encoding = req.headers['content-encoding'] ?? 'identity';
    if (!['identity', 'gzip', 'x-gzip'].includes(encoding)) {
      res.status(415).type('text/plain').send(`unsupported Content-Encoding ${JSON.stringify(encoding).slice(0, 40)}\n`);
      return;
    }
    // A gzip body is inflated as it streams; the pack size cap counts inflated bytes, so a small bomb cannot pass.
    const body: Readable = encoding === 'identity' ? req : pipeline(req, createGunzip(), () => undefined);
    // The receive core reads every request to its end (or gives up on a stalled one): a request still unfinished
    // when the answer is out belongs to a client that stopped sending, whose connection must not stay open.
    res.on('finish', () => {
      if (!req.complete) req.socket.destroy();
    });
    res.set({ 'Content-Type': 'application/x-git-receive-pack-result', 'Cache-Control': 'no-cache' });
    try {
      await receive.handle(app, body, (chunk) => {
        if (!res.destroyed) res.write(chunk);
      });
      res.end();
    } catch (e) {
      if (!res.headersSent) sendGitError(res, e);
      else res.end();
    }
  });

  return router;
}

function sendGitError(res: Response, e: unknown): void {
  const status = isPaasError(e) ? (e.code === 'APP_NOT_FOUND' ? 404 : e.code.startsWith('INVALID') ? 400 : 500) : 500;
  res.status(status).type('text/plain').send(`${errorMessage(e)}\n`);
}
