import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { certFilesIn } from '../../src/adapters/tls/cert-files.js';
import { KeyedMutex } from '../../src/core/mutex.js';
import { PaasError } from '../../src/core/errors.js';
import type { AppRoute } from '../../src/core/nginx/route.js';
import type { CertBundle } from '../../src/core/tls/certificate.js';
import type { Deps } from '../../src/services/deps.js';
import { certsService } from '../../src/services/certs.js';
import { domainsService } from '../../src/services/domains.js';
import { selfSignedCert } from '../helpers/pebble.js';

// The services with the real SQLite store and certificate files, and fakes for nginx, DNS and the CA.
describe('domains and certificates services', () => {
  const pems: Record<string, CertBundle> = {};
  let dir: string;
  let deps: Deps;
  let applied: AppRoute[];
  let nginxRefuses: boolean;
  let resolved: string[] | Error;
  let issued: string[][];

  beforeAll(async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'paas-svc-pem-'));
    for (const names of [['shop.example.com'], ['other.example.com'], ['shop.example.com', 'www.shop.example.com']]) {
      const f = await selfSignedCert(certDir, names.join('+'), names);
      pems[names.join('+')] = { certPem: readFileSync(f.certFile, 'utf8'), keyPem: readFileSync(f.keyFile, 'utf8') };
    }
    rmSync(certDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paas-svc-'));
    [applied, nginxRefuses, resolved, issued] = [[], false, ['203.0.113.5'], []];
    const store = openSqliteStore(join(dir, 'paas.db'));
    store.apps.create('shop');
    store.ports.assign([{ port: 20000, app: 'shop', process: 'web', replica: 1, slot: 'blue' }, { port: 20001, app: 'shop', process: 'web', replica: 1, slot: 'green' }]);
    deps = {
      store,
      router: {
        start: async () => undefined,
        stop: async () => undefined,
        removeApp: async () => undefined,
        applyApp: async (route: AppRoute) => {
          if (nginxRefuses) throw new PaasError('NGINX_INVALID', `app ${route.app}: nginx rejected the configuration: test`);
          applied.push(route);
        },
      },
      resolver: {
        resolve: async () => {
          if (resolved instanceof Error) throw resolved;
          return resolved;
        },
        ownAddresses: () => ['203.0.113.5'],
      },
      issuer: {
        issue: async (names: string[]) => {
          issued.push(names);
          return pems['shop.example.com+www.shop.example.com']!;
        },
      },
      certFiles: certFilesIn(join(dir, 'certs')),
      clock: { now: () => new Date(), sleep: async () => undefined },
      log: pino({ level: 'silent' }),
      settings: { domain: 'apps.localhost', portRange: { from: 20000, to: 20099 }, stopTimeoutSec: 1, autoTls: false },
      appLocks: new KeyedMutex(),
    } as unknown as Deps; // only what the domains and certs services use
  });
  afterEach(() => {
    deps.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const services = () => {
    const certs = certsService(deps);
    return { certs, domains: domainsService(deps, certs) };
  };

  it('records a domain only once nginx took it', async () => {
    const { domains } = services();
    nginxRefuses = true;
    await expect(domains.add('shop', 'shop.example.com', { dnsCheck: true })).rejects.toMatchObject({ code: 'NGINX_INVALID' });
    expect(deps.store.domains.list()).toEqual([]);
    nginxRefuses = false;
    await domains.add('shop', 'shop.example.com', { dnsCheck: true });
    expect(applied.at(-1)).toMatchObject({ app: 'shop', domains: ['shop.apps.localhost', 'shop.example.com'], slots: { blue: [20000], green: [20001] }, liveSlot: 'blue' });
    nginxRefuses = true;
    await expect(domains.remove('shop', 'shop.example.com')).rejects.toMatchObject({ code: 'NGINX_INVALID' });
    expect(domains.list('shop').map((d) => d.domain)).toEqual(['shop.apps.localhost', 'shop.example.com']);
  });

  it('reports a DNS failure clearly and writes nothing', async () => {
    const { domains } = services();
    resolved = Object.assign(new Error('queryA ETIMEOUT shop.example.com'), { code: 'ETIMEOUT' });
    await expect(domains.add('shop', 'shop.example.com', { dnsCheck: true })).rejects.toMatchObject({
      code: 'DNS_CHECK_FAILED',
      message: 'could not resolve shop.example.com: queryA ETIMEOUT shop.example.com',
    });
    resolved = ['198.51.100.1'];
    await expect(domains.add('shop', 'shop.example.com', { dnsCheck: true })).rejects.toMatchObject({ code: 'DNS_CHECK_FAILED' });
    expect([applied, deps.store.domains.list()]).toEqual([[], []]);
    await domains.add('shop', 'shop.example.com', { dnsCheck: false });
    expect(deps.store.domains.list()).toHaveLength(1);
  });

  it('keeps the previous certificate when nginx refuses a new one', async () => {
    const { domains, certs } = services();
    await domains.add('shop', 'shop.example.com', { dnsCheck: false });
    await certs.add('shop', pems['shop.example.com']!);
    const first = certs.info('shop');
    const files = readdirSync(join(dir, 'certs', 'shop'));
    expect(files).toHaveLength(2);
    expect(applied.at(-1)?.tls).toMatchObject({ names: ['shop.example.com'] });

    nginxRefuses = true;
    await expect(certs.auto('shop')).rejects.toMatchObject({ code: 'NGINX_INVALID' });
    expect(certs.info('shop')).toMatchObject({ serial: first.serial, failures: 1, lastError: expect.stringContaining('nginx rejected') });
    expect(readdirSync(join(dir, 'certs', 'shop'))).toEqual(files);
  });

  it('orders certificates by itself only when an ACME email is configured', async () => {
    const { domains } = services();
    await domains.add('shop', 'shop.example.com', { dnsCheck: false });
    expect(issued).toEqual([]);
    deps.settings.autoTls = true;
    const auto = services();
    await auto.domains.add('shop', 'www.shop.example.com', { dnsCheck: false });
    await auto.certs.renewDue(); // waits behind the background order, which it finds done
    expect(issued).toEqual([['shop.example.com', 'www.shop.example.com']]);
  });

  it('does not order a certificate for an app without a name a CA can validate', async () => {
    await expect(services().certs.auto('shop')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('no domain a certificate authority can validate') });
    expect(issued).toEqual([]);
  });

  it('removes the certificate files with the certificate', async () => {
    const { domains, certs } = services();
    await domains.add('shop', 'shop.example.com', { dnsCheck: false });
    await certs.add('shop', pems['shop.example.com']!);
    await certs.remove('shop');
    expect(existsSync(join(dir, 'certs', 'shop'))).toBe(false);
    expect(applied.at(-1)?.tls).toBeUndefined();
    await expect(certs.add('shop', pems['other.example.com']!)).rejects.toMatchObject({ code: 'CERT_NAMES_NOT_COVERED' });
  });
});
