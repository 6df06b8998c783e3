import { run } from '../adapters/exec.js';
import { PaasError } from '../core/errors.js';
import { validateAppName } from '../core/names.js';

/** The app a `paas` remote points at: its URL ends in /APP.git (http) or :APP.git / /APP.git (ssh). */
export function appFromRemoteUrl(url: string): string | undefined {
  const text = url.trim();
  let path: string;
  if (/^[a-z+]+:\/\//.test(text)) {
    try {
      path = new URL(text).pathname;
    } catch {
      return undefined;
    }
  } else {
    path = text.slice(text.indexOf(':') + 1); // scp-like git@host:app.git
  }
  const m = /^\/?([a-z][a-z0-9-]*)(?:\.git)?\/?$/.exec(path);
  return m?.[1];
}

export async function resolveApp(flag: string | undefined, cwd: string, remote = 'paas'): Promise<string> {
  if (flag) return validateAppName(flag);
  let url = '';
  try {
    url = (await run(['git', 'remote', 'get-url', remote], { cwd })).stdout;
  } catch {
    // not a git repository, or no such remote
  }
  const app = url ? appFromRemoteUrl(url) : undefined;
  if (!app) throw new PaasError('CLI_USAGE', 'no app given', { hint: 'pass -a APP, or run inside a repository with a `paas` git remote' });
  return validateAppName(app);
}
