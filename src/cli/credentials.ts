import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { PaasError } from '../core/errors.js';

export interface Credentials {
  url: string;
  token: string;
}

/** $PAAS_CONFIG, else $XDG_CONFIG_HOME/paas/config.json, else ~/.config/paas/config.json. */
export function credentialsFile(env: NodeJS.ProcessEnv): string {
  if (env.PAAS_CONFIG) return env.PAAS_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'paas', 'config.json');
}

/** PAAS_URL + PAAS_TOKEN win over the file written by `paas login`. */
export function loadCredentials(env: NodeJS.ProcessEnv): Credentials {
  if (env.PAAS_URL && env.PAAS_TOKEN) return { url: normalizeUrl(env.PAAS_URL), token: env.PAAS_TOKEN };
  try {
    const saved = JSON.parse(fs.readFileSync(credentialsFile(env), 'utf8')) as Partial<Credentials>;
    if (typeof saved.url === 'string' && typeof saved.token === 'string') {
      return { url: normalizeUrl(env.PAAS_URL ?? saved.url), token: env.PAAS_TOKEN ?? saved.token };
    }
  } catch {
    // fall through to the error below
  }
  throw new PaasError('CLI_NOT_LOGGED_IN', 'not logged in', { hint: 'run `paas login URL --token TOKEN`, or set PAAS_URL and PAAS_TOKEN' });
}

export function saveCredentials(env: NodeJS.ProcessEnv, creds: Credentials): string {
  const file = credentialsFile(env);
  writePrivate(file, JSON.stringify(creds, null, 2) + '\n');
  return file;
}

/** Beside the CLI's config: the tokens git reads through `git credential-store` (its format, one URL a line). */
export function gitCredentialsFile(env: NodeJS.ProcessEnv): string {
  return join(dirname(credentialsFile(env)), 'git-credentials');
}

/** Puts `creds` into the git credentials file, replacing the line of the same server and keeping the others. */
export function saveGitCredential(env: NodeJS.ProcessEnv, creds: Credentials): string {
  const file = gitCredentialsFile(env);
  let lines: string[] = [];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !sameOrigin(l, creds.url));
  } catch {
    // no file yet
  }
  const server = new URL(creds.url);
  lines.push(`${server.protocol}//paas:${encodeURIComponent(creds.token)}@${server.host}`);
  writePrivate(file, lines.join('\n') + '\n');
  return file;
}

function sameOrigin(line: string, origin: string): boolean {
  try {
    return new URL(line.trim()).origin === origin;
  } catch {
    return false;
  }
}

/** Written whole through a temporary file, readable by its owner only. */
function writePrivate(file: string, content: string): void {
  fs.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function normalizeUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new PaasError('CLI_USAGE', `not a URL: ${JSON.stringify(text)}`, { hint: 'e.g. http://127.0.0.1:7100' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new PaasError('CLI_USAGE', 'the server URL must be http or https');
  return u.origin;
}
