import type { Command } from '../command.js';
import type { AppInfo } from '../../services/apps.js';
import { PaasError } from '../../core/errors.js';

export const appsCreate: Command = {
  name: 'apps:create',
  summary: 'create an app',
  usage: 'apps:create NAME',
  async run(ctx) {
    const name = ctx.args[0] ?? (typeof ctx.flags.app === 'string' ? ctx.flags.app : undefined);
    if (!name) throw new PaasError('CLI_USAGE', 'usage: paas apps:create NAME');
    const info = await ctx.api().request<AppInfo>('POST', '/api/apps', { name });
    if (ctx.flags.json) return ctx.printJson(info);
    ctx.print(`Creating ${info.name}... done`);
    ctx.print(`${info.url} | ${ctx.api().creds.url}${info.gitPath}`);
  },
};
