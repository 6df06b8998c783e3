import type { Command } from '../command.js';
import { ApiClient } from '../client.js';
import { normalizeUrl, saveCredentials, saveGitCredential } from '../credentials.js';
import { PaasError } from '../../core/errors.js';

export const login: Command = {
  name: 'login',
  summary: 'save the server URL and token for later commands',
  usage: 'login URL --token TOKEN',
  options: { token: { type: 'string' } },
  async run(ctx) {
    const [url] = ctx.args;
    const token = typeof ctx.flags.token === 'string' ? ctx.flags.token : ctx.env.PAAS_TOKEN;
    if (!url || !token) throw new PaasError('CLI_USAGE', 'usage: paas login URL --token TOKEN');
    const creds = { url: normalizeUrl(url), token };
    await new ApiClient(creds).request('GET', '/api/apps');
    const file = saveCredentials(ctx.env, creds);
    // Remotes made by git:remote read the token from here: a new login reaches them too.
    saveGitCredential(ctx.env, creds);
    ctx.print(`Logged in to ${creds.url} (saved in ${file})`);
  },
};
