import type { Command } from '../command.js';
import { runCredentialHelper } from '../git-credential-helper.js';

/**
 * A git credential helper that reads the CLI's credentials at push time (PAAS_URL and PAAS_TOKEN, else the login):
 * for machines that never run `paas login`, e.g. CI with the token in its environment:
 * `git -c credential.helper='!paas git:credential' push paas main`. git:remote sets up a faster one.
 */
export const gitCredential: Command = {
  name: 'git:credential',
  summary: 'git credential helper that reads PAAS_URL/PAAS_TOKEN or the login at push time (for CI)',
  usage: 'git:credential get|store|erase',
  run: (ctx) => runCredentialHelper(ctx.args[0], ctx.env),
};
