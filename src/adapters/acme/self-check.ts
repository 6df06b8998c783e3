import http from 'node:http';

/**
 * Fetches a challenge through the managed nginx on this host, as the CA will, before asking the CA to validate: a
 * webroot nginx cannot read fails here with a clear message instead of costing a failed validation at the CA.
 */
export function fetchChallenge(addr: { host: string; port: number }, domain: string, token: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: addr.host, port: addr.port, path: `/.well-known/acme-challenge/${token}`, headers: { Host: domain }, agent: false, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
