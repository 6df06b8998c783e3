import http from 'node:http';
import { freePort } from './ports.js';

export interface HttpAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Sends the request `send` makes (http or https) and collects the answer, bounded in time. */
export function answerOf(send: (onResponse: (res: http.IncomingMessage) => void) => http.ClientRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = send((res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** One request to a loopback address with a chosen Host header (nginx routes by it). */
export function httpGet(port: number, host: string, path = '/', timeoutMs = 10_000): Promise<HttpAnswer> {
  return answerOf((onResponse) => http.get({ host: '127.0.0.1', port, path, headers: { Host: host }, agent: false, timeout: timeoutMs }, onResponse));
}

/** Trivial apps for router tests: HTTP servers on loopback that answer a fixed body. */
export class Backends {
  private readonly servers: http.Server[] = [];

  /** Starts one on a free port and returns the port. */
  async start(body: string): Promise<number> {
    const port = await freePort();
    const server = http.createServer((_req, res) => res.end(body));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    this.servers.push(server);
    return port;
  }

  closeAll(): void {
    this.servers.forEach((s) => s.close());
  }
}
