import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimPortBlock, freePort } from './ports.js';
import { runProgram, type RunResult } from './run.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PAAS_BIN = join(ROOT, 'bin', 'paas');

/**
 * Builds in tests: the local base images of test/setup/base-images.sh, never a pull (a missing image fails at once),
 * and this machine's CA bundle for npm's TLS-intercepted registry. Later flags in `extraArgs` override these.
 */
export const TEST_BUILD_FLAGS = [
  '--build-pull', 'never', '--node-image', 'paas-test/node', '--python-image', 'paas-test/python', '--static-image', 'paas-test/busybox',
  '--build-ca-bundle', '/etc/ssl/certs/ca-certificates.crt',
];

export interface PaasServer {
  /** The `paas.instance` label of this server's containers (derived from its data dir, as the daemon does). */
  instance: string;
  url: string;
  token: string;
  dataDir: string;
  httpPort: number;
  httpsPort: number;
  /** git over SSH. */
  sshPort: number;
  domain: string;
  /** Environment for the CLI and git (credentials in a private config file). */
  env: NodeJS.ProcessEnv;
  output(): string;
  cli(args: string[], opts?: { cwd?: string }): Promise<RunResult>;
  /** One API request with the admin token (quicker than a CLI process when the output format is not the point). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Kills the server only: nginx and containers keep running, as in production. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same data dir and ports. */
  restart(): Promise<void>;
  /** Kills the server, stops its nginx, removes its apps' containers and images, deletes its data dir. */
  stop(): Promise<void>;
}

/** Starts a real `paas server` (the compiled CLI) on loopback with its own data dir, nginx port and slot ports. */
export async function startPaas(opts: { domain?: string; httpPort?: number; extraArgs?: string[] } = {}): Promise<PaasServer> {
  const base = mkdtempSync(join(tmpdir(), 'paas-test-'));
  // nginx's unprivileged workers traverse it to DATA/nginx and the ACME webroot, as they do /var/lib in production.
  chmodSync(base, 0o711);
  const dataDir = join(base, 'data');
  const apiPort = await freePort();
  const httpPort = opts.httpPort ?? (await freePort());
  const httpsPort = await freePort();
  const sshPort = await freePort();
  const domain = opts.domain ?? 'paas.test';
  const url = `http://127.0.0.1:${apiPort}`;
  const slotPorts = claimPortBlock();
  const args = [
    PAAS_BIN, 'server', '--data-dir', dataDir, '--listen', `127.0.0.1:${apiPort}`, '--http-port', String(httpPort),
    '--http-addr', '127.0.0.1', '--port-range', slotPorts.range, '--domain', domain, '--stop-timeout', '5',
    '--ssh-listen', `127.0.0.1:${sshPort}`, '--https-port', String(httpsPort), '--acme-webroot', join(base, 'acme-webroot'),
    ...TEST_BUILD_FLAGS, ...(opts.extraArgs ?? []),
  ];
  let child: ChildProcess;
  let output = '';
  let stopping = false;
  const launch = async () => {
    stopping = false;
    child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PAAS_LOG_LEVEL: 'warn' } });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    // A server that dies by itself is a bug whatever the test was checking: say so, with what it printed.
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`paas server (${dataDir}) exited unexpectedly: code ${code}, signal ${signal}\n${output.slice(-8000)}`);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`paas server exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`paas server did not answer within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await launch();
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const env = { ...process.env, PAAS_CONFIG: join(base, 'cli.json'), PAAS_URL: url, PAAS_TOKEN: token, GIT_TERMINAL_PROMPT: '0' };
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  const cli = (cliArgs: string[], o: { cwd?: string } = {}) => runProgram([process.execPath, PAAS_BIN, ...cliArgs], { cwd: o.cwd ?? base, env });

  const api = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as T };
  };

  return {
    instance: createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 12),
    url, token, dataDir, httpPort, httpsPort, sshPort, domain, env,
    output: () => output,
    cli,
    api,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    async stop() {
      const apps = (await cli(['apps', '--json']).then((r) => JSON.parse(r.stdout) as { name: string }[]).catch(() => [])).map((a) => a.name);
      await kill();
      const nginxDir = join(dataDir, 'nginx');
      if (existsSync(join(nginxDir, 'nginx.pid'))) {
        await runProgram(['nginx', '-p', `${nginxDir}/`, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'logs/error.log'), '-s', 'quit']);
      }
      for (const app of apps) await removeAppFromDocker(app);
      slotPorts.release();
      if (!process.env.KEEP_DATA) rmSync(base, { recursive: true, force: true });
      else console.log('kept', base);
    },
  };
}

/** Removes every container and image paas made for `app` (test cleanup). */
export async function removeAppFromDocker(app: string): Promise<void> {
  const ids = (await runProgram(['docker', 'ps', '-aq', '--filter', `label=paas.app=${app}`])).stdout.split('\n').filter(Boolean);
  if (ids.length) await runProgram(['docker', 'rm', '-f', ...ids]);
  const images = (await runProgram(['docker', 'images', '-q', `paas/${app}`])).stdout.split('\n').filter(Boolean);
  if (images.length) await runProgram(['docker', 'rmi', '-f', ...new Set(images)]);
}

/** A unique, valid app name for one test. */
export function appName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
