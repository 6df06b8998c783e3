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

/** A POST of `body` to a loopback address with a chosen Host header. */
export function httpPost(port: number, host: string, path: string, body: Buffer, timeoutMs = 10_000): Promise<HttpAnswer> {
  return answerOf((onResponse) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { Host: host, 'Content-Length': body.length }, agent: false, timeout: timeoutMs }, onResponse);
    req.end(body);
    return req;
  });
}

/** Trivial apps for router tests: HTTP servers on loopback that answer a fixed body. */
export class Backends {
  private readonly servers: http.Server[] = [];

  /** Starts one on a free port and returns the port; it answers `body`, followed by the size of a request body. */
  async start(body: string): Promise<number> {
    const port = await freePort();
    const server = http.createServer((req, res) => {
      let size = 0;
      req.on('data', (d: Buffer) => (size += d.length));
      req.on('end', () => res.end(req.method === 'POST' ? `${body} got ${size} bytes` : body));
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    this.servers.push(server);
    return port;
  }

  closeAll(): void {
    this.servers.forEach((s) => s.close());
  }
}
