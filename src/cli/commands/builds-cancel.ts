import type { Command } from '../command.js';
import type { Build } from '../../core/model.js';

export const buildsCancel: Command = {
  name: 'builds:cancel',
  summary: "stop an app's running build (its push fails)",
  usage: 'builds:cancel [-a APP]',
  async run(ctx) {
    const app = await ctx.app();
    const build = await ctx.api().request<Build>('POST', `/api/apps/${encodeURIComponent(app)}/builds/cancel`);
    ctx.print(`Cancelling build ${build.id} of ${app} (commit ${build.commit.slice(0, 7)})`);
  },
};
