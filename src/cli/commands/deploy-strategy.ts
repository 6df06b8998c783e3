import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import { appPath } from '../operation-output.js';

export const deployStrategy: Command = {
  name: 'deploy:strategy',
  summary: 'blue-green (default: zero downtime) or stop-first (old containers stop before new ones start)',
  usage: 'deploy:strategy blue-green|stop-first [-a APP]',
  async run(ctx) {
    const strategy = ctx.args[0];
    if (strategy !== 'blue-green' && strategy !== 'stop-first') throw new PaasError('CLI_USAGE', 'usage: paas deploy:strategy blue-green|stop-first');
    const app = await ctx.app();
    await ctx.api().request('PUT', appPath(app, '/strategy'), { strategy });
    ctx.print(`${app} now deploys ${strategy}`);
  },
};
