import http from 'node:http';

export interface LoadOptions {
  port: number;
  host: string;
  /** Keep-alive connections, each sending one request at a time. */
  connections: number;
  /** Hard bounds: the loop stops at whichever comes first. */
  maxRequests: number;
  deadlineMs: number;
  /** Every n-th request is a POST with a small body (0: GET only). */
  postEvery?: number;
  path?: string;
}

export interface Sample {
  at: number;
  ms: number;
  method: 'GET' | 'POST';
  status?: number;
  error?: string;
  body?: string;
}

export interface LoadRun {
  /** Resolves when every connection has stopped. */
  done: Promise<Sample[]>;
  /** Asks the loop to stop early (it finishes the requests in flight). */
  stop(): void;
}

/**
 * A bounded keep-alive load loop against nginx on loopback: `connections` persistent sockets (one agent with that
 * many sockets), each sending requests back to back until `maxRequests` in total or the deadline. Records every
 * answer: status, connection errors (resets, refusals) and latency.
 */
export function startLoad(o: LoadOptions): LoadRun {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections });
  const started = Date.now();
  const samples: Sample[] = [];
  let sent = 0;
  let stopped = false;
  const more = () => !stopped && sent < o.maxRequests && Date.now() - started < o.deadlineMs;
  const one = (method: 'GET' | 'POST') =>
    new Promise<void>((resolve) => {
      const at = Date.now();
      const t0 = performance.now();
      const payload = method === 'POST' ? 'x'.repeat(64) : undefined;
      const req = http.request(
        { host: '127.0.0.1', port: o.port, path: o.path ?? '/', method, agent, headers: { Host: o.host, ...(payload ? { 'Content-Length': payload.length } : {}) }, timeout: 10_000 },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => {
            samples.push({ at, ms: performance.now() - t0, method, status: res.statusCode, body });
            resolve();
          });
          res.on('error', (e) => {
            samples.push({ at, ms: performance.now() - t0, method, error: e.message });
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => {
        samples.push({ at, ms: performance.now() - t0, method, error: (e as NodeJS.ErrnoException).code ?? e.message });
        resolve();
      });
      req.end(payload);
    });
  const worker = async () => {
    while (more()) {
      const n = ++sent;
      await one(o.postEvery && n % o.postEvery === 0 ? 'POST' : 'GET');
    }
  };
  const done = Promise.all(Array.from({ length: o.connections }, worker)).then(() => {
    agent.destroy();
    return samples;
  });
  return { done, stop: () => void (stopped = true) };
}

/** Counts what matters for zero downtime. */
export function summarize(samples: Sample[]) {
  const bad = samples.filter((s) => s.status !== undefined && (s.status < 200 || s.status >= 300));
  const errors = samples.filter((s) => s.error !== undefined);
  return {
    total: samples.length,
    posts: samples.filter((s) => s.method === 'POST').length,
    non2xx: bad.length,
    errors: errors.length,
    examples: [...bad.slice(0, 3).map((s) => `${s.method} ${s.status} ${s.body?.slice(0, 80)}`), ...errors.slice(0, 3).map((s) => `${s.method} ${s.error}`)],
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
