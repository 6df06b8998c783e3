import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';

export const appsDestroy: Command = {
  name: 'apps:destroy',
  summary: 'delete an app: its containers, images, repository, config and routes',
  usage: 'apps:destroy [-a APP] --confirm APP',
  options: { confirm: { type: 'string' } },
  async run(ctx) {
    const app = ctx.args[0] ?? (await ctx.app());
    const confirm = typeof ctx.flags.confirm === 'string' ? ctx.flags.confirm : undefined;
    if (confirm !== app) {
      throw new PaasError('CLI_USAGE', `this deletes ${app} and everything in it`, { hint: `run again with --confirm ${app}` });
    }
    await ctx.api().request('DELETE', `/api/apps/${encodeURIComponent(app)}?confirm=${encodeURIComponent(confirm)}`);
    ctx.print(`Destroying ${app}... done`);
  },
};
