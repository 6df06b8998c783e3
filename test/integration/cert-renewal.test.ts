import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { nginxRouter } from '../../src/adapters/nginx/router.js';
import { acmeIssuer } from '../../src/adapters/acme/issuer.js';
import { certFilesIn } from '../../src/adapters/tls/cert-files.js';
import { dnsResolver } from '../../src/adapters/net/dns-resolver.js';
import { KeyedMutex } from '../../src/core/mutex.js';
import type { Deps } from '../../src/services/deps.js';
import type { StateStore } from '../../src/ports.js';
import { certsService, type CertsService } from '../../src/services/certs.js';
import { domainsService, type DomainsService } from '../../src/services/domains.js';
import { appRoute } from '../../src/services/routes.js';
import { startPebble, type Pebble } from '../helpers/pebble.js';
import { freePort } from '../helpers/ports.js';
import { tlsHandshake, httpsGet } from '../helpers/https.js';
import { Backends } from '../helpers/http.js';

// The services in-process, on real adapters (SQLite, nginx, acme-client against Pebble, DNS from challtestsrv), with
// an injected clock: renewal decisions are about time, and waiting 60 days is not an option.
describe('certificate renewal', () => {
  const base = mkdtempSync(join(tmpdir(), 'paas-renewal-'));
  const log = pino({ level: 'silent' });
  let now = Date.now();
  const clock = { now: () => new Date(now), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  let pebble: Pebble;
  let store: StateStore;
  let deps: Deps;
  let certs: CertsService;
  let domains: DomainsService;
  let httpsPort: number;
  let root: string;
  const backends = new Backends();

  /** An app row with one web port on which a node server answers `body`, and its route in nginx. */
  const app = async (name: string) => {
    const port = await backends.start(`${name} says hi`);
    store.apps.create(name);
    store.ports.assign([
      { port, app: name, process: 'web', replica: 1, slot: 'blue' },
      { port: await freePort(), app: name, process: 'web', replica: 1, slot: 'green' },
    ]);
    await deps.router.applyApp(appRoute(deps, name));
  };
  const nginxMaster = () => Number(readFileSync(join(base, 'nginx', 'nginx.pid'), 'utf8'));

  beforeAll(async () => {
    chmodSync(base, 0o711);
    const httpPort = await freePort();
    httpsPort = await freePort();
    pebble = await startPebble({ httpPort });
    root = await pebble.rootPem();
    store = openSqliteStore(join(base, 'paas.db'));
    const webroot = join(base, 'acme-webroot');
    deps = {
      store,
      router: nginxRouter({ dir: join(base, 'nginx'), httpAddr: '127.0.0.1', httpPort, httpsPort, acmeWebroot: webroot, log }),
      issuer: acmeIssuer({
        directoryUrl: pebble.directoryUrl, email: 'ops@example.com', caBundleFile: pebble.caBundleFile, accountKeyFile: join(base, 'acme', 'account.key'),
        webroot, selfCheck: { host: '127.0.0.1', port: httpPort }, pollMs: 100, log,
      }),
      certFiles: certFilesIn(join(base, 'certs')),
      resolver: dnsResolver({ servers: [pebble.dns.server], publicIps: ['127.0.0.1'] }),
      clock,
      log,
      settings: { domain: 'apps.localhost', portRange: { from: 20000, to: 20099 }, stopTimeoutSec: 1, autoTls: true },
      appLocks: new KeyedMutex(),
    } as Partial<Deps> as Deps;
    await deps.router.start();
    certs = certsService(deps);
    domains = domainsService(deps, certs);
    await app('alpha');
    await app('beta');
  });
  afterAll(async () => {
    await deps?.router.stop();
    await pebble?.stop();
    backends.closeAll();
    store?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('orders a certificate by itself for a new custom domain when an ACME email is configured', async () => {
    const started = Date.now();
    await domains.add('alpha', 'alpha.test', { dnsCheck: true });
    await domains.add('alpha', 'www.alpha.test', { dnsCheck: true });
    const deadline = Date.now() + 20_000;
    while (!certs.info('alpha').names?.includes('www.alpha.test') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    console.log(`automatic issuance for two names after domains:add: ${Date.now() - started} ms`);
    expect(certs.info('alpha')).toMatchObject({ mode: 'acme', names: ['alpha.test', 'www.alpha.test'], issuer: expect.stringMatching(/^Pebble/) });
    for (const host of ['alpha.test', 'www.alpha.test']) {
      expect(await httpsGet(httpsPort, host, root)).toMatchObject({ status: 200, body: 'alpha says hi' });
    }
  });

  it('renews nothing before it is due', async () => {
    expect(await certs.renewDue()).toEqual({ planned: [], failed: [] });
  });

  it('a forced renewal (injected clock) replaces the certificate and nginx serves the new serial without a restart', async () => {
    const before = certs.info('alpha');
    const served = await tlsHandshake(httpsPort, 'alpha.test', root);
    expect(served).toMatchObject({ serial: before.serial, authorized: true });
    const master = nginxMaster();
    const oldFiles = readdirSync(join(base, 'certs', 'alpha'));

    now = Date.parse(before.renewAt!) + 60_000;
    expect(await certs.renewDue()).toEqual({ planned: [{ app: 'alpha', reason: 'expiring' }], failed: [] });

    const after = certs.info('alpha');
    expect(after.serial).not.toBe(before.serial);
    expect(after.installedAt).toBe(new Date(now).toISOString());
    const renewed = await tlsHandshake(httpsPort, 'alpha.test', root);
    expect(renewed).toMatchObject({ serial: after.serial, authorized: true, alpn: 'h2' });
    expect(nginxMaster()).toBe(master);
    // The old pair is gone, the new key is private.
    const files = readdirSync(join(base, 'certs', 'alpha'));
    expect(files.filter((f) => oldFiles.includes(f))).toEqual([]);
    const key = files.find((f) => f.endsWith('.key'))!;
    expect(statSync(join(base, 'certs', 'alpha', key)).mode & 0o777).toBe(0o600);
    // Back to real time: Pebble dated the new certificate from its own clock, and it is not due then.
    now = Date.now();
    expect(await certs.renewDue()).toEqual({ planned: [], failed: [] });
  });

  it('an unreachable challenge fails with a clear error, is retried with backoff, and other apps keep serving', async () => {
    await pebble.dns.setA('beta.test', ['127.0.0.2']); // nginx listens on 127.0.0.1 only: Pebble's connect is refused
    await domains.add('beta', 'beta.test', { dnsCheck: false });
    const wait = async (failures: number) => {
      const deadline = Date.now() + 20_000;
      while (certs.info('beta').failures < failures && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    };
    await wait(1); // the automatic attempt that domains:add started
    const first = certs.info('beta');
    expect(first).toMatchObject({ mode: 'acme', failures: 1, nextAttemptAt: new Date(now + 3_600_000).toISOString() });
    expect(first.lastError).toMatch(/^no certificate for beta\.test: .*127\.0\.0\.2.*connection refused/);
    expect(first.names).toBeUndefined();
    expect(await httpsGet(httpsPort, 'alpha.test', root)).toMatchObject({ status: 200, body: 'alpha says hi' });

    // Not before its retry time; then retried, and the delay doubles.
    expect((await certs.renewDue()).planned).toEqual([]);
    now += 3_600_000;
    expect(await certs.renewDue()).toEqual({ planned: [{ app: 'beta', reason: 'missing' }], failed: ['beta'] });
    expect(certs.info('beta')).toMatchObject({ failures: 2, nextAttemptAt: new Date(now + 2 * 3_600_000).toISOString() });

    // Once DNS is right, the next retry succeeds.
    await pebble.dns.clearA('beta.test');
    now += 2 * 3_600_000;
    expect(await certs.renewDue()).toEqual({ planned: [{ app: 'beta', reason: 'missing' }], failed: [] });
    expect(certs.info('beta')).toMatchObject({ failures: 0, lastError: undefined, names: ['beta.test'] });
    expect(await httpsGet(httpsPort, 'beta.test', root)).toMatchObject({ status: 200, body: 'beta says hi' });
    expect(await httpsGet(httpsPort, 'alpha.test', root)).toMatchObject({ status: 200, body: 'alpha says hi' });
  });

  it('serves plain HTTP again after certs:remove, and removes the files', async () => {
    await certs.remove('beta');
    expect(certs.info('beta')).toMatchObject({ mode: 'off', names: undefined });
    expect(existsSync(join(base, 'certs', 'beta'))).toBe(false);
    // Over HTTPS nginx's default server now refuses the handshake for beta.test rather than show another certificate.
    await expect(tlsHandshake(httpsPort, 'beta.test', root)).rejects.toThrow(/alert|handshake|reset|disconnected/i);
    expect(await certs.renewDue()).toEqual({ planned: [], failed: [] });
  });
});
