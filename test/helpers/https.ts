import https from 'node:https';
import tls from 'node:tls';
import { answerOf, type HttpAnswer } from './http.js';

export interface Handshake {
  /** Serial of the certificate the server showed (hex, uppercase). */
  serial: string;
  /** The application protocol the server picked from h2 and http/1.1. */
  alpn: string | false;
  /** Whether the certificate verifies against `ca` for `servername`. */
  authorized: boolean;
  authorizationError?: string;
}

/** A TLS handshake with 127.0.0.1:`port` for `servername`, offering h2 and http/1.1. */
export function tlsHandshake(port: number, servername: string, ca?: string): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, ca, rejectUnauthorized: false, ALPNProtocols: ['h2', 'http/1.1'], timeout: 5000 }, () => {
      const peer = socket.getPeerCertificate();
      let authorized = socket.authorized;
      let authorizationError = socket.authorizationError ? String(socket.authorizationError) : undefined;
      // authorized only covers the chain; the name is checked separately, as https does.
      const nameError = tls.checkServerIdentity(servername, peer);
      if (nameError) [authorized, authorizationError] = [false, nameError.message];
      resolve({ serial: peer.serialNumber.toUpperCase(), alpn: socket.alpnProtocol ?? false, authorized, authorizationError });
      socket.end();
    });
    socket.on('timeout', () => socket.destroy(new Error('TLS handshake timeout')));
    socket.on('error', reject);
  });
}

/** One HTTPS GET to 127.0.0.1:`port` for `host` that must verify against `ca` (it rejects otherwise). */
export function httpsGet(port: number, host: string, ca: string, path = '/'): Promise<HttpAnswer> {
  return answerOf((onResponse) => https.get({ host: '127.0.0.1', port, path, servername: host, headers: { Host: host }, ca, agent: false, timeout: 10_000 }, onResponse));
}
