import { isValidAppName } from '../names.js';

export type GitService = 'git-receive-pack';

/**
 * The only commands the SSH server runs: `git-receive-pack 'APP.git'` (scp-like remotes), `'/APP.git'` (ssh://
 * URLs) or `'APP'`, quoted the way git quotes them. Anything else (a shell, another program, a path) is undefined.
 */
export function parseGitSshCommand(command: string): { service: GitService; app: string } | undefined {
  const m = /^(git-receive-pack) '\/?([a-z][a-z0-9-]{0,62})(?:\.git)?\/?'$/.exec(command);
  if (!m || !isValidAppName(m[2])) return undefined;
  return { service: m[1] as GitService, app: m[2]! };
}
