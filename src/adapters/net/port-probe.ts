import net from 'node:net';
import type { PortProbe } from '../../ports.js';

/** A port is free when nothing is bound to it on any address (apps may bind 0.0.0.0). */
export function tcpPortProbe(): PortProbe {
  return {
    isFree: (port) =>
      new Promise((resolve) => {
        const server = net.createServer();
        server.once('error', () => resolve(false));
        server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
      }),
  };
}
