import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { httpsGet, tlsHandshake } from '../helpers/https.js';
import { selfSignedCert, startPebble, type Pebble } from '../helpers/pebble.js';
import { freePort } from '../helpers/ports.js';
import type { CertInfo } from '../../src/services/certs.js';

// The user's flow through the CLI against a real ACME server: Pebble validates HTTP-01 through paas's nginx.
describe('certificates', () => {
  let paas: PaasServer;
  let pebble: Pebble;
  let root: string;
  const tmp = mkdtempSync(join(tmpdir(), 'paas-acme-test-'));
  const shop = appName('shop');
  const other = appName('other');
  const names = [`${shop}.test`, `www.${shop}.test`];
  const unreachable = `${other}.test`;

  const certs = async (app: string) => (await paas.api<CertInfo>('GET', `/api/apps/${app}/certs`)).body;
  const shopServes = async () => {
    for (const host of names) expect(await httpsGet(paas.httpsPort, host, root), host).toMatchObject({ status: 200, body: `${shop}\n` });
    expect(await httpGet(paas.httpPort, `${shop}.${paas.domain}`)).toMatchObject({ status: 200, body: `${shop}\n` });
  };

  beforeAll(async () => {
    const httpPort = await freePort();
    pebble = await startPebble({ httpPort });
    root = await pebble.rootPem();
    paas = await startPaas({
      // *.localhost defaults are not names a CA validates: the certificate is for the custom domains only.
      domain: 'apps.localhost',
      httpPort,
      extraArgs: ['--acme-directory', pebble.directoryUrl, '--acme-ca-bundle', pebble.caBundleFile, '--dns-server', pebble.dns.server, '--public-ip', '127.0.0.1'],
    });
    expect((await paas.api('POST', '/api/apps', { name: shop })).status).toBe(201);
    const repo = await fixtureRepo('dockerfile-app', paas.env);
    repo.write('www/index.html', `${shop}\n`);
    await repo.commit('shop');
    await paas.cli(['git:remote', '-a', shop], { cwd: repo.dir });
    expect((await repo.git(['push', 'paas', 'main'])).code).toBe(0);
    for (const d of names) expect((await paas.api('POST', `/api/apps/${shop}/domains`, { domain: d })).status).toBe(201);
  });
  afterAll(async () => {
    await paas?.stop();
    await pebble?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('issues a certificate for two names, validated through our nginx, and serves it over HTTPS (http2)', async () => {
    const started = Date.now();
    const auto = await paas.cli(['certs:auto', '-a', shop]);
    console.log(`certs:auto for two names through the CLI: ${Date.now() - started} ms`);
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stdout).toContain(`Names:        ${names.join(', ')}`);
    const info = await certs(shop);
    expect(info).toMatchObject({ mode: 'acme', names, issuer: expect.stringMatching(/^Pebble Intermediate CA/), failures: 0 });
    const days = (iso: string) => Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
    expect([days(info.notAfter!), days(info.renewAt!)]).toEqual([90, 60]);
    await shopServes();
    for (const host of names) expect(await tlsHandshake(paas.httpsPort, host, root)).toMatchObject({ serial: info.serial, authorized: true, alpn: 'h2' });

    const redirect = await httpGet(paas.httpPort, names[1]!, '/basket?x=1');
    expect([redirect.status, redirect.headers.location]).toEqual([301, `https://${names[1]}:${paas.httpsPort}/basket?x=1`]);
    expect((await httpGet(paas.httpPort, names[0]!, '/.well-known/acme-challenge/none')).status).toBe(404);

    const keys = [join(paas.dataDir, 'acme', 'account.key'), ...readdirSync(join(paas.dataDir, 'certs', shop)).filter((f) => f.endsWith('.key')).map((f) => join(paas.dataDir, 'certs', shop, f))];
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(statSync(k).mode & 0o777, k).toBe(0o600);
  });

  it('an unreachable challenge fails with a clear error, recorded for a retry, and other apps are unaffected', async () => {
    expect((await paas.api('POST', '/api/apps', { name: other })).status).toBe(201);
    await pebble.dns.setA(unreachable, ['127.0.0.2']); // nothing listens there: the CA's connection is refused
    expect((await paas.api('POST', `/api/apps/${other}/domains`, { domain: unreachable, dnsCheck: false })).status).toBe(201);
    const failed = await paas.cli(['certs:auto', '-a', other]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^error \\[ACME_FAILED\\]: no certificate for ${unreachable}: .*127\\.0\\.0\\.2.*connection refused`));
    expect(failed.stderr).toMatch(/^hint: every name must resolve to this server/m);
    const info = await certs(other);
    expect(info).toMatchObject({ mode: 'acme', failures: 1, lastError: expect.stringContaining('connection refused') });
    expect(Date.parse(info.nextAttemptAt!) - Date.now()).toBeGreaterThan(3_500_000);
    const shown = (await paas.cli(['certs', '-a', other])).stdout;
    expect(shown).toMatch(/^Last error: +no certificate for/m);
    expect(shown).toMatch(/^Next attempt: /m);
    await shopServes();
  });

  it('refuses an uploaded certificate whose key does not match or that misses a domain; serves a good one', async () => {
    const good = await selfSignedCert(tmp, 'good', [unreachable]);
    const stranger = await selfSignedCert(tmp, 'stranger', ['stranger.test']);
    const mismatch = await paas.cli(['certs:add', good.certFile, stranger.keyFile, '-a', other]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/^error \[CERT_KEY_MISMATCH\]: the private key does not belong to the certificate/);
    const uncovered = await paas.cli(['certs:add', stranger.certFile, stranger.keyFile, '-a', other]);
    expect(uncovered.stderr).toMatch(new RegExp(`^error \\[CERT_NAMES_NOT_COVERED\\]: the certificate does not cover ${unreachable}`));
    const garbage = await paas.cli(['certs:add', good.keyFile, good.keyFile, '-a', other]);
    expect(garbage.stderr).toMatch(/^error \[CERT_INVALID\]/);
    expect(readdirSync(join(paas.dataDir, 'certs')).sort()).toEqual([shop]);

    const added = await paas.cli(['certs:add', good.certFile, good.keyFile, '-a', other]);
    expect(added.code, added.stderr).toBe(0);
    const custom = await certs(other);
    expect(custom).toMatchObject({ mode: 'custom', names: [unreachable], issuer: unreachable, failures: 0 });
    expect(custom).not.toHaveProperty('lastError');
    expect(custom).not.toHaveProperty('renewAt');
    expect(await tlsHandshake(paas.httpsPort, unreachable, readFileSync(good.certFile, 'utf8'))).toMatchObject({ authorized: true });
    await shopServes();
  });

  it('certs:remove needs confirmation, then serves the app over plain HTTP only', async () => {
    expect((await paas.cli(['certs:remove', '-a', shop])).stderr).toMatch(/^error \[CLI_USAGE\]/);
    const removed = await paas.cli(['certs:remove', '-a', shop, '--confirm', shop]);
    expect(removed.code, removed.stderr).toBe(0);
    const off = await certs(shop);
    expect(off.mode).toBe('off');
    expect(off).not.toHaveProperty('names');
    expect(await httpGet(paas.httpPort, names[0]!)).toMatchObject({ status: 200, body: `${shop}\n` });
    await expect(tlsHandshake(paas.httpsPort, names[0]!, root)).rejects.toThrow();
    expect(await tlsHandshake(paas.httpsPort, unreachable, readFileSync(join(tmp, 'good.crt'), 'utf8'))).toMatchObject({ authorized: true });
  });
});
