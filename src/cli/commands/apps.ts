import type { Command } from '../command.js';
import type { App } from '../../core/model.js';

export const apps: Command = {
  name: 'apps',
  summary: 'list apps',
  usage: 'apps [--json]',
  async run(ctx) {
    const list = await ctx.api().request<App[]>('GET', '/api/apps');
    if (ctx.flags.json) return ctx.printJson(list);
    if (list.length === 0) return ctx.print('No apps yet: create one with `paas apps:create NAME`');
    ctx.print('=== Apps');
    for (const a of list) ctx.print(a.name);
  },
};
