import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { runProgram } from './run.js';

/** pebble-challtestsrv as a DNS server on loopback: every name resolves to 127.0.0.1 unless told otherwise. */
export interface MockDns {
  /** `127.0.0.1:PORT`, for `--dns-server` and Pebble's `-dnsserver`. */
  server: string;
  /** Makes `host` resolve to `addresses` (A records). */
  setA(host: string, addresses: string[]): Promise<void>;
  /** Back to the default answer (127.0.0.1). */
  clearA(host: string): Promise<void>;
  stop(): Promise<void>;
}

/** A real ACME server (Debian's pebble) with its own mock DNS, on loopback only. */
export interface Pebble {
  directoryUrl: string;
  /** PEM file of the test CA that signed Pebble's own HTTPS certificate (what `--acme-ca-bundle` takes). */
  caBundleFile: string;
  dns: MockDns;
  /** Pebble's issuing root (it makes a new one at every start). */
  rootPem(): Promise<string>;
  stop(): Promise<void>;
}

/** Child processes started together and stopped together (SIGTERM, then wait for each to exit). */
class Processes {
  private readonly children: ChildProcess[] = [];
  log = '';

  start(argv: string[], env: NodeJS.ProcessEnv = {}): void {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    this.children.push(child);
  }

  anyExited(): boolean {
    return this.children.some((c) => c.exitCode !== null || c.signalCode !== null);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map((c) => {
        if (c.exitCode !== null || c.signalCode !== null) return undefined;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        return exited;
      }),
    );
  }
}

/** Polls `ready` every 50 ms for at most 15 s; throws with the processes' output otherwise. */
async function waitUntil(what: string, procs: Processes, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline || procs.anyExited()) {
      await procs.stop();
      throw new Error(`${what} did not start within 15 s:\n${procs.log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startMockDns(): Promise<MockDns> {
  const [dnsPort, mgmtPort] = [await freePort(), await freePort()];
  const procs = new Processes();
  procs.start([
    'pebble-challtestsrv', '-dns01', `127.0.0.1:${dnsPort}`, '-http01', '', '-https01', '', '-tlsalpn01', '',
    '-management', `127.0.0.1:${mgmtPort}`, '-defaultIPv4', '127.0.0.1', '-defaultIPv6', '',
  ]);
  const manage = async (path: string, body: object) => {
    const res = await fetch(`http://127.0.0.1:${mgmtPort}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`challtestsrv ${path}: HTTP ${res.status}`);
  };
  await waitUntil('pebble-challtestsrv', procs, () => manage('/clear-a', { host: 'ready.test.' }).then(() => true));
  return {
    server: `127.0.0.1:${dnsPort}`,
    setA: (host, addresses) => manage('/add-a', { host: `${host}.`, addresses }),
    clearA: (host) => manage('/clear-a', { host: `${host}.` }),
    stop: () => procs.stop(),
  };
}

/** A CA and a certificate for 127.0.0.1/localhost signed by it, made with openssl. */
export async function makeTestCa(dir: string): Promise<{ caFile: string; certFile: string; keyFile: string }> {
  const f = (name: string) => join(dir, name);
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=paas test CA']);
  await openssl(['req', '-new', ...EC_KEY, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost']);
  writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f('server.ext'), '-out', f('server.pem')]);
  return { caFile: f('ca.pem'), certFile: f('server.pem'), keyFile: f('server.key') };
}

/** A self-signed certificate for `names` (a user's own certificate in `certs:add` tests). */
export async function selfSignedCert(dir: string, base: string, names: string[]): Promise<{ certFile: string; keyFile: string }> {
  const files = { certFile: join(dir, `${base}.crt`), keyFile: join(dir, `${base}.key`) };
  const san = `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`;
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', files.keyFile, '-out', files.certFile, '-days', '30', '-subj', `/CN=${names[0]}`, '-addext', san]);
  return files;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function openssl(args: string[]): Promise<void> {
  const r = await runProgram(['openssl', ...args], { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** Starts a mock DNS and Pebble; Pebble validates HTTP-01 on 127.0.0.1:`httpPort` (our nginx). */
export async function startPebble(opts: { httpPort: number }): Promise<Pebble> {
  const dir = mkdtempSync(join(tmpdir(), 'paas-pebble-'));
  const ca = await makeTestCa(dir);
  const dns = await startMockDns();
  const [acmePort, mgmtPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'pebble.json'), JSON.stringify({
    pebble: {
      listenAddress: `127.0.0.1:${acmePort}`,
      managementListenAddress: `127.0.0.1:${mgmtPort}`,
      certificate: ca.certFile,
      privateKey: ca.keyFile,
      httpPort: opts.httpPort,
      tlsPort: await freePort(),
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
      // Let's Encrypt's 90 days, so that renewal thresholds behave as in production.
      certificateValidityPeriod: 90 * 86400,
    },
  }));
  const procs = new Processes();
  // No artificial validation sleeps, no rejected nonces, and no reused authorizations: every order validates for real.
  procs.start(['pebble', '-config', join(dir, 'pebble.json'), '-dnsserver', dns.server], {
    PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0',
  });
  const caPem = readFileSync(ca.caFile, 'utf8');
  const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      https.get(url, { ca: caPem, agent: false, timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  await waitUntil('pebble', procs, () => get(directoryUrl).then((r) => r.status === 200)).catch(async (e) => {
    await dns.stop();
    throw e;
  });
  return {
    directoryUrl,
    caBundleFile: ca.caFile,
    dns,
    rootPem: async () => (await get(`https://127.0.0.1:${mgmtPort}/roots/0`)).body,
    async stop() {
      await procs.stop();
      await dns.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
