import http from 'node:http';
import type { HealthProbe } from '../../ports.js';

/** One GET to 127.0.0.1:port, no keep-alive, so that a probe never holds a connection to the old process. */
export function httpHealthProbe(): HealthProbe {
  return {
    check: (port, path, timeoutMs) =>
      new Promise((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs, headers: { 'User-Agent': 'paas-healthcheck' } }, (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          resolve({ ok: status > 0 && status < 500, status });
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', (e) => resolve({ ok: false, error: e.message }));
      }),
  };
}
