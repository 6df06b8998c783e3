import type { Command } from '../command.js';
import type { AppInfo } from '../../services/apps.js';
import { run } from '../../adapters/exec.js';
import { credentialHelperCommand } from '../git-credential-helper.js';
import { saveGitCredential } from '../credentials.js';

export const gitRemote: Command = {
  name: 'git:remote',
  summary: 'add a git remote for an app, with a credential helper (the token is not written into .git/config)',
  usage: 'git:remote -a APP [-r paas]',
  options: { remote: { type: 'string', short: 'r' } },
  async run(ctx) {
    const app = ctx.args[0] ?? (await ctx.app());
    const remote = typeof ctx.flags.remote === 'string' ? ctx.flags.remote : 'paas';
    const client = ctx.api();
    const info = await client.request<AppInfo>('GET', `/api/apps/${encodeURIComponent(app)}`);
    const url = `${client.creds.url}${info.gitPath}`;
    const existing = await run(['git', 'remote', 'get-url', remote], { cwd: ctx.cwd }).then(() => true, () => false);
    await run(['git', 'remote', existing ? 'set-url' : 'add', remote, url], { cwd: ctx.cwd });
    const file = saveGitCredential(ctx.env, client.creds);
    const key = `credential.${client.creds.url}.helper`;
    await run(['git', 'config', '--replace-all', key, credentialHelperCommand(file)], { cwd: ctx.cwd });
    ctx.print(`set git remote ${remote} to ${url}`);
  },
};
