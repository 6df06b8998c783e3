import net from 'node:net';
import { readFile } from 'node:fs/promises';
import type { PortProbe } from '../../ports.js';

/** TCP states of /proc/net/tcp that hold a request: established, or closing with data possibly unsent. */
const OPEN_STATES = new Set(['01', '08']); // ESTABLISHED, CLOSE_WAIT

/** A port is free when nothing is bound to it on any address (apps may bind 0.0.0.0). */
export function tcpPortProbe(procNet = '/proc/net'): PortProbe {
  return {
    isFree: (port) =>
      new Promise((resolve) => {
        const server = net.createServer();
        server.once('error', () => resolve(false));
        server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
      }),

    // Apps share the host's network namespace (NetworkMode host), so their sockets are in the host's table.
    async openConnections(port) {
      let n = 0;
      for (const file of ['tcp', 'tcp6']) {
        const text = await readFile(`${procNet}/${file}`, 'utf8').catch(() => '');
        n += countAccepted(text, port);
      }
      return n;
    },
  };
}

/** Rows of a /proc/net/tcp table whose local port is `port` in an open state (the server side of connections). */
export function countAccepted(table: string, port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length > 3 && cols[1]!.endsWith(`:${hexPort}`) && OPEN_STATES.has(cols[3]!)) n++;
  }
  return n;
}
