import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { PaasError } from './core/errors.js';
import { validateDomain } from './core/names.js';
import { parsePortRange, type PortRange } from './core/port-plan.js';

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
  portRange: PortRange;
  maxPackBytes: number;
  stopTimeoutSec: number;
  nginxBin: string;
  logLevel: string;
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
  'port-range': ['PAAS_PORT_RANGE', '20000-29999'],
  'max-pack-size': ['PAAS_MAX_PACK_SIZE', String(1024 ** 3)],
  'stop-timeout': ['PAAS_STOP_TIMEOUT', '30'],
  nginx: ['PAAS_NGINX', 'nginx'],
  'log-level': ['PAAS_LOG_LEVEL', 'info'],
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
  return Object.freeze({
    listen: hostPort(get('listen'), 'listen'),
    dataDir,
    domain: domain(get('domain')),
    httpPort: port(get('http-port'), 'http-port'),
    httpsPort: port(get('https-port'), 'https-port'),
    httpAddr: ip(get('http-addr'), 'http-addr'),
    sshListen: hostPort(get('ssh-listen'), 'ssh-listen'),
    acmeDirectory: url(get('acme-directory'), 'acme-directory'),
    acmeEmail: acmeEmail || undefined,
    portRange: parsePortRange(get('port-range')),
    maxPackBytes: positive(get('max-pack-size'), 'max-pack-size'),
    stopTimeoutSec: positive(get('stop-timeout'), 'stop-timeout'),
    nginxBin: get('nginx'),
    logLevel: get('log-level'),
  });
}

function domain(text: string): string {
  try {
    return validateDomain(text, { allowSingleLabel: true });
  } catch (e) {
    throw new PaasError('CONFIG_INVALID', `--domain: ${(e as Error).message}`);
  }
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
