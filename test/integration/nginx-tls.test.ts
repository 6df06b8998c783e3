import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { nginxRouter } from '../../src/adapters/nginx/router.js';
import type { Router } from '../../src/ports.js';
import { freePort } from '../helpers/ports.js';
import { Backends, httpGet } from '../helpers/http.js';
import { httpsGet, tlsHandshake } from '../helpers/https.js';
import { selfSignedCert } from '../helpers/pebble.js';

// A real nginx serving HTTPS: the redirect spares ACME challenges, and a certificate nginx cannot load never goes live.
describe('managed nginx with TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paas-nginx-tls-'));
  const webroot = join(dir, 'webroot');
  const log = pino({ level: 'silent' });
  let router: Router;
  let httpPort: number;
  let httpsPort: number;
  let alphaPort: number;
  let idlePort: number;
  let betaPort: number;
  let alpha: { certFile: string; keyFile: string };
  let beta: { certFile: string; keyFile: string };
  const backends = new Backends();

  beforeAll(async () => {
    chmodSync(dir, 0o711);
    [httpPort, httpsPort] = [await freePort(), await freePort()];
    router = nginxRouter({ dir: join(dir, 'nginx'), httpAddr: '127.0.0.1', httpPort, httpsPort, acmeWebroot: webroot, log });
    await router.start();
    alpha = await selfSignedCert(dir, 'alpha', ['alpha.test', 'www.alpha.test']);
    beta = await selfSignedCert(dir, 'beta', ['beta.test']);
    [alphaPort, betaPort] = [await backends.start('alpha'), await backends.start('beta')];
    idlePort = await freePort(); // the idle slot: nothing listens there
    await router.applyApp({ app: 'alpha', domains: ['alpha.localhost', 'alpha.test', 'www.alpha.test'], slots: { blue: [alphaPort], green: [idlePort] }, liveSlot: 'blue' as const, tls: { ...alpha, names: ['alpha.test', 'www.alpha.test'] } });
    await router.applyApp({ app: 'beta', domains: ['beta.localhost', 'beta.test'], slots: { blue: [betaPort], green: [idlePort] }, liveSlot: 'blue' as const });
    const challenges = join(webroot, '.well-known', 'acme-challenge');
    mkdirSync(challenges, { recursive: true });
    for (const d of [webroot, join(webroot, '.well-known'), challenges]) chmodSync(d, 0o755);
    writeFileSync(join(challenges, 'tok3n'), 'tok3n.key-authorization', { mode: 0o644 });
  });
  afterAll(async () => {
    await router?.stop();
    backends.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with http2 for the names the certificate covers, plain HTTP for the others', async () => {
    const ca = readFileSync(alpha.certFile, 'utf8');
    expect(await httpsGet(httpsPort, 'www.alpha.test', ca)).toMatchObject({ status: 200, body: 'alpha' });
    expect(await tlsHandshake(httpsPort, 'alpha.test', ca)).toMatchObject({ authorized: true, alpn: 'h2' });
    expect(await httpGet(httpPort, 'alpha.localhost')).toMatchObject({ status: 200, body: 'alpha' });
  });

  it('redirects HTTP to HTTPS, keeping path and query, but not ACME challenges (also in the default server)', async () => {
    const res = await httpGet(httpPort, 'alpha.test', '/cart?id=7');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`https://alpha.test:${httpsPort}/cart?id=7`);
    for (const host of ['alpha.test', 'beta.test', 'nobody.test']) {
      expect(await httpGet(httpPort, host, '/.well-known/acme-challenge/tok3n'), host).toMatchObject({ status: 200, body: 'tok3n.key-authorization' });
    }
    expect((await httpGet(httpPort, 'alpha.test', '/.well-known/acme-challenge/missing')).status).toBe(404);
  });

  it('refuses the TLS handshake for names no app has a certificate for', async () => {
    await expect(tlsHandshake(httpsPort, 'nobody.test')).rejects.toThrow(/alert|handshake|reset|disconnected/i);
    await expect(tlsHandshake(httpsPort, 'beta.test')).rejects.toThrow(/alert|handshake|reset|disconnected/i);
  });

  it('keeps the previous files and every app serving when nginx cannot load a certificate, naming the app', async () => {
    const before = readFileSync(join(dir, 'nginx', 'apps', 'beta.conf'), 'utf8');
    const mismatched = { certFile: beta.certFile, keyFile: alpha.keyFile, names: ['beta.test'] };
    await expect(router.applyApp({ app: 'beta', domains: ['beta.localhost', 'beta.test'], slots: { blue: [betaPort], green: [idlePort] }, liveSlot: 'blue' as const, tls: mismatched })).rejects.toMatchObject({
      code: 'NGINX_INVALID',
      message: expect.stringMatching(/^app beta: nginx rejected the configuration: .*key values mismatch/),
    });
    const missing = { certFile: join(dir, 'nope.crt'), keyFile: join(dir, 'nope.key'), names: ['beta.test'] };
    await expect(router.applyApp({ app: 'beta', domains: ['beta.localhost', 'beta.test'], slots: { blue: [betaPort], green: [idlePort] }, liveSlot: 'blue' as const, tls: missing })).rejects.toMatchObject({
      message: expect.stringMatching(/^app beta: .*nope\.crt/),
    });
    expect(readFileSync(join(dir, 'nginx', 'apps', 'beta.conf'), 'utf8')).toBe(before);
    expect(await httpGet(httpPort, 'beta.test')).toMatchObject({ status: 200, body: 'beta' });
    expect(await httpsGet(httpsPort, 'alpha.test', readFileSync(alpha.certFile, 'utf8'))).toMatchObject({ status: 200, body: 'alpha' });
  });
});
