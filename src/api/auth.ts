import type { RequestHandler } from 'express';
import { PaasError } from '../core/errors.js';
import type { TokensService } from '../services/tokens.js';

/** `Authorization: Bearer TOKEN`, or HTTP Basic with the token as password (what git sends). */
export function tokenAuth(tokens: TokensService): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    let token = '';
    if (header.startsWith('Bearer ')) token = header.slice(7).trim();
    else if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      token = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (token && tokens.verify(token)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Basic realm="paas"');
    next(new PaasError('UNAUTHORIZED', token ? 'invalid token' : 'authentication required', { hint: 'run `paas login URL --token TOKEN`' }));
  };
}
