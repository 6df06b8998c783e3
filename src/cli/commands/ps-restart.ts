import type { Command } from '../command.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

export const psRestart: Command = {
  name: 'ps:restart',
  summary: 'replace the containers (of one process type) blue/green, without downtime',
  usage: 'ps:restart [TYPE] [-a APP]',
  async run(ctx) {
    const answer = await ctx.api().request<OperationAnswer>('POST', appPath(await ctx.app(), '/ps/restart'), { type: ctx.args[0] });
    printOperation(ctx, answer);
  },
};
