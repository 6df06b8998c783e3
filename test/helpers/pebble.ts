import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { runProgram } from './run.js';

/** A real ACME server (Debian's pebble) and its mock DNS (pebble-challtestsrv), on loopback only. */
export interface Pebble {
  directoryUrl: string;
  /** PEM file of the test CA that signed Pebble's own HTTPS certificate (what `--acme-ca-bundle` takes). */
  caBundleFile: string;
  /** `127.0.0.1:PORT` of the mock DNS server: every name resolves to 127.0.0.1 unless told otherwise. */
  dnsServer: string;
  /** Pebble's issuing root (it makes a new one at every start). */
  rootPem(): Promise<string>;
  /** Makes `host` resolve to `addresses` (A records) in the mock DNS. */
  setA(host: string, addresses: string[]): Promise<void>;
  /** Back to the default answer (127.0.0.1). */
  clearA(host: string): Promise<void>;
  stop(): Promise<void>;
}

/** A CA and a certificate for 127.0.0.1/localhost signed by it, made with openssl. */
export async function makeTestCa(dir: string): Promise<{ caFile: string; certFile: string; keyFile: string }> {
  const f = (name: string) => join(dir, name);
  const ok = async (argv: string[]) => {
    const r = await runProgram(argv, { timeoutMs: 30_000 });
    if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await ok(['openssl', 'req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=paas test CA']);
  await ok(['openssl', 'req', '-new', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost']);
  writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await ok(['openssl', 'x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f('server.ext'), '-out', f('server.pem')]);
  return { caFile: f('ca.pem'), certFile: f('server.pem'), keyFile: f('server.key') };
}

/** Starts challtestsrv and Pebble; Pebble validates HTTP-01 on 127.0.0.1:`httpPort` (our nginx). */
export async function startPebble(opts: { httpPort: number }): Promise<Pebble> {
  const dir = mkdtempSync(join(tmpdir(), 'paas-pebble-'));
  const ca = await makeTestCa(dir);
  const [acmePort, mgmtPort, dnsPort, challMgmtPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  let log = '';
  const launch = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    children.push(child);
  };
  const stop = async () => {
    await Promise.all(
      children.map((c) => {
        if (c.exitCode !== null || c.signalCode !== null) return undefined;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        return exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  launch([
    'pebble-challtestsrv', '-dns01', `127.0.0.1:${dnsPort}`, '-http01', '', '-https01', '', '-tlsalpn01', '',
    '-management', `127.0.0.1:${challMgmtPort}`, '-defaultIPv4', '127.0.0.1', '-defaultIPv6', '',
  ]);
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
  // No artificial validation sleeps, no rejected nonces, and no reused authorizations: every order validates for real.
  launch(['pebble', '-config', join(dir, 'pebble.json'), '-dnsserver', `127.0.0.1:${dnsPort}`], {
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
  const manage = async (path: string, body: object) => {
    const res = await fetch(`http://127.0.0.1:${challMgmtPort}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`challtestsrv ${path}: HTTP ${res.status}`);
  };
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ready = await get(directoryUrl).then((r) => r.status === 200, () => false);
    const dnsReady = await fetch(`http://127.0.0.1:${challMgmtPort}/clear-a`, { method: 'POST', body: '{"host":"ready.test."}' }).then((r) => r.ok, () => false);
    if (ready && dnsReady) break;
    if (Date.now() > deadline || children.some((c) => c.exitCode !== null)) {
      await stop();
      throw new Error(`pebble did not start within 15 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    directoryUrl,
    caBundleFile: ca.caFile,
    dnsServer: `127.0.0.1:${dnsPort}`,
    rootPem: async () => (await get(`https://127.0.0.1:${mgmtPort}/roots/0`)).body,
    setA: (host, addresses) => manage('/add-a', { host: `${host}.`, addresses }),
    clearA: (host) => manage('/clear-a', { host: `${host}.` }),
    stop,
  };
}
