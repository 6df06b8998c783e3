import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';
import cron from 'node-cron';
import { PaasError } from './core/errors.js';
import { validateDomain } from './core/names.js';
import { parsePortRange, type PortRange } from './core/port-plan.js';
import { checkPath } from './core/nginx/route.js';
import { parseByteSize, validateImageRef, type BuildSettings } from './core/build/settings.js';

/** Settings of `paas server`, from flags, then environment, then defaults; validated once and frozen. */
export interface ServerConfig {
  listen: { host: string; port: number };
  dataDir: string;
  domain: string;
  httpPort: number;
  httpsPort: number;
  httpAddr: string;
  sshListen: { host: string; port: number };
  acmeDirectory: string;
  acmeEmail?: string;
  /** PEM file of extra CAs to trust for the ACME server's HTTPS. */
  acmeCaBundle?: string;
  /** Served by nginx at /.well-known/acme-challenge/ for every name: must be readable by nginx's workers. */
  acmeWebroot: string;
  /** The addresses DNS should point custom domains at (default: the host's own addresses). */
  publicIps: string[];
  /** DNS servers for the domains:add check (default: the system's). */
  dnsServers: string[];
  portRange: PortRange;
  maxPackBytes: number;
  gitIdleTimeoutSec: number;
  /** node-cron expression: when git packs are consolidated. */
  repackSchedule: string;
  stopTimeoutSec: number;
  nginxBin: string;
  logLevel: string;
  /** Crash-loop detection: more than `maxRestarts` exits within `windowMs` marks a process crashed. */
  crashLoop: { maxRestarts: number; windowMs: number };
  /** Build settings; the extra CA bundle as a file path (the daemon reads it once at start). */
  build: Omit<BuildSettings, 'caBundle'> & { caBundleFile?: string };
}

const FLAGS = {
  listen: ['PAAS_LISTEN', '127.0.0.1:7100'],
  'data-dir': ['PAAS_DATA_DIR', ''],
  domain: ['PAAS_DOMAIN', 'localhost'],
  'http-port': ['PAAS_HTTP_PORT', '80'],
  'https-port': ['PAAS_HTTPS_PORT', '443'],
  'http-addr': ['PAAS_HTTP_ADDR', '0.0.0.0'],
  'ssh-listen': ['PAAS_SSH_LISTEN', '0.0.0.0:2222'],
  'acme-directory': ['PAAS_ACME_DIRECTORY', 'https://acme-v02.api.letsencrypt.org/directory'],
  'acme-email': ['PAAS_ACME_EMAIL', ''],
  'acme-ca-bundle': ['PAAS_ACME_CA_BUNDLE', ''],
  'acme-webroot': ['PAAS_ACME_WEBROOT', ''],
  'public-ip': ['PAAS_PUBLIC_IP', ''],
  'dns-server': ['PAAS_DNS_SERVER', ''],
  'port-range': ['PAAS_PORT_RANGE', '20000-29999'],
  'max-pack-size': ['PAAS_MAX_PACK_SIZE', String(1024 ** 3)],
  'git-idle-timeout': ['PAAS_GIT_IDLE_TIMEOUT', '300'],
  'repack-schedule': ['PAAS_REPACK_SCHEDULE', '17 * * * *'],
  'stop-timeout': ['PAAS_STOP_TIMEOUT', '30'],
  nginx: ['PAAS_NGINX', 'nginx'],
  'log-level': ['PAAS_LOG_LEVEL', 'info'],
  'crash-loop': ['PAAS_CRASH_LOOP', '5/60'],
  'node-image': ['PAAS_NODE_IMAGE', 'node:24-slim'],
  'python-image': ['PAAS_PYTHON_IMAGE', 'python:3.13-slim'],
  'static-image': ['PAAS_STATIC_IMAGE', 'busybox:stable'],
  'build-pull': ['PAAS_BUILD_PULL', 'missing'],
  'build-timeout': ['PAAS_BUILD_TIMEOUT', '900'],
  'build-memory': ['PAAS_BUILD_MEMORY', '2g'],
  'build-ca-bundle': ['PAAS_BUILD_CA_BUNDLE', ''],
  'keep-images': ['PAAS_KEEP_IMAGES', '5'],
  'release-timeout': ['PAAS_RELEASE_TIMEOUT', '900'],
} as const;

export const SERVER_FLAGS = Object.keys(FLAGS);

export function parseServerConfig(argv: string[], env: NodeJS.ProcessEnv, who: { isRoot: boolean; home: string }): ServerConfig {
  const options = Object.fromEntries(Object.keys(FLAGS).map((k) => [k, { type: 'string' as const }]));
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }) as { values: Record<string, string | undefined> });
  } catch (e) {
    throw new PaasError('CONFIG_INVALID', (e as Error).message);
  }
  const get = (flag: keyof typeof FLAGS): string => values[flag] ?? env[FLAGS[flag][0]] ?? FLAGS[flag][1];
  const dataDir = get('data-dir') || (who.isRoot ? '/var/lib/paas' : join(who.home, '.local/share/paas'));
  const acmeEmail = get('acme-email');
  const acmeCaBundle = get('acme-ca-bundle');
  return Object.freeze({
    listen: hostPort(get('listen'), 'listen'),
    dataDir,
    domain: domain(get('domain')),
    httpPort: port(get('http-port'), 'http-port'),
    httpsPort: port(get('https-port'), 'https-port'),
    httpAddr: ip(get('http-addr'), 'http-addr'),
    sshListen: hostPort(get('ssh-listen'), 'ssh-listen'),
    acmeDirectory: url(ACME_DIRECTORIES[get('acme-directory')] ?? get('acme-directory'), 'acme-directory'),
    acmeEmail: acmeEmail ? email(acmeEmail) : undefined,
    acmeCaBundle: acmeCaBundle ? absolute(acmeCaBundle, 'acme-ca-bundle') : undefined,
    // nginx's workers run as nobody under a root paas and cannot enter the 0700 data dir: keep the webroot outside.
    acmeWebroot: nginxPath(get('acme-webroot') || (who.isRoot ? '/var/www/paas-acme' : join(dataDir, 'acme-webroot')), 'acme-webroot'),
    publicIps: list(get('public-ip')).map((a) => (isIP(a) ? a : fail('public-ip', `not an IP address: ${JSON.stringify(a)}`))),
    dnsServers: list(get('dns-server')).map((a) => dnsServer(a)),
    portRange: parsePortRange(get('port-range')),
    maxPackBytes: positive(get('max-pack-size'), 'max-pack-size'),
    gitIdleTimeoutSec: positive(get('git-idle-timeout'), 'git-idle-timeout'),
    repackSchedule: cronExpression(get('repack-schedule'), 'repack-schedule'),
    stopTimeoutSec: positive(get('stop-timeout'), 'stop-timeout'),
    nginxBin: get('nginx'),
    logLevel: get('log-level'),
    crashLoop: crashLoop(get('crash-loop')),
    build: buildConfig(get),
  });
}

function buildConfig(get: (flag: keyof typeof FLAGS) => string): ServerConfig['build'] {
  const pull = get('build-pull');
  if (pull !== 'missing' && pull !== 'never') fail('build-pull', `expected missing or never, got ${JSON.stringify(pull)}`);
  const caBundleFile = get('build-ca-bundle');
  const image = (flag: 'node-image' | 'python-image' | 'static-image') => validateImageRef(get(flag), `--${flag}`);
  return Object.freeze({
    images: Object.freeze({ node: image('node-image'), python: image('python-image'), static: image('static-image') }),
    pull,
    timeoutMs: positive(get('build-timeout'), 'build-timeout') * 1000,
    memoryBytes: parseByteSize(get('build-memory'), '--build-memory'),
    caBundleFile: caBundleFile ? absolute(caBundleFile, 'build-ca-bundle') : undefined,
    keepImages: positive(get('keep-images'), 'keep-images'),
    releaseTimeoutMs: positive(get('release-timeout'), 'release-timeout') * 1000,
  });
}

/** Short names for well-known ACME directories. */
const ACME_DIRECTORIES: Record<string, string> = {
  letsencrypt: 'https://acme-v02.api.letsencrypt.org/directory',
  'letsencrypt-staging': 'https://acme-staging-v02.api.letsencrypt.org/directory',
};

function fail(flag: string, why: string): never {
  throw new PaasError('CONFIG_INVALID', `--${flag}: ${why}`);
}

const list = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);

function email(text: string): string {
  return /^[^\s@<>,;"]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(text) ? text : fail('acme-email', `not an email address: ${JSON.stringify(text)}`);
}

function absolute(text: string, flag: string): string {
  return isAbsolute(text) ? text : fail(flag, `expected an absolute path, got ${JSON.stringify(text)}`);
}

function nginxPath(text: string, flag: string): string {
  try {
    return checkPath(text);
  } catch (e) {
    return fail(flag, (e as Error).message);
  }
}

/** `IP`, `IP:PORT` or `[IPv6]:PORT`, as node's resolver takes them. */
function dnsServer(text: string): string {
  const m = /^(?:\[([0-9a-f:]+)\]|([0-9.]+))(?::(\d{1,5}))?$/i.exec(text) ?? /^([0-9a-f:]+)$/i.exec(text);
  const ip = m?.[1] ?? m?.[2];
  if (!ip || !isIP(ip) || (m?.[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 65535))) fail('dns-server', `expected IP or IP:PORT, got ${JSON.stringify(text)}`);
  return text;
}

function domain(text: string): string {
  try {
    return validateDomain(text, { allowSingleLabel: true });
  } catch (e) {
    throw new PaasError('CONFIG_INVALID', `--domain: ${(e as Error).message}`);
  }
}

/** `N/SECONDS`: more than N exits within SECONDS is a crash loop. */
function crashLoop(text: string): { maxRestarts: number; windowMs: number } {
  const m = /^(\d{1,4})\/(\d{1,5})$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new PaasError('CONFIG_INVALID', `--crash-loop: expected N/SECONDS (e.g. 5/60), got ${JSON.stringify(text)}`);
  return { maxRestarts: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

function port(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1 || n > 65535) throw new PaasError('CONFIG_INVALID', `--${flag}: not a port: ${JSON.stringify(text)}`);
  return n;
}

function ip(text: string, flag: string): string {
  if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(text)) throw new PaasError('CONFIG_INVALID', `--${flag}: expected an IPv4 address, got ${JSON.stringify(text)}`);
  return text;
}

function hostPort(text: string, flag: string): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  if (i < 0) throw new PaasError('CONFIG_INVALID', `--${flag}: expected HOST:PORT, got ${JSON.stringify(text)}`);
  return { host: ip(text.slice(0, i), flag), port: port(text.slice(i + 1), flag) };
}

function url(text: string, flag: string): string {
  try {
    return new URL(text).toString();
  } catch {
    throw new PaasError('CONFIG_INVALID', `--${flag}: not a URL: ${JSON.stringify(text)}`);
  }
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new PaasError('CONFIG_INVALID', `--${flag}: expected a positive whole number`);
  return n;
}

function cronExpression(text: string, flag: string): string {
  if (!cron.validate(text)) throw new PaasError('CONFIG_INVALID', `--${flag}: not a cron expression: ${JSON.stringify(text)}`, { hint: "e.g. '17 * * * *' (hourly)" });
  return text;
}
