import type { Command } from '../command.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

export const rollback: Command = {
  name: 'rollback',
  summary: "switch back to an earlier release's image and config (default: the previous one); no rebuild",
  usage: 'rollback [vN] [-a APP]',
  async run(ctx) {
    const answer = await ctx.api().request<OperationAnswer & { release?: number }>('POST', appPath(await ctx.app(), '/rollback'), { version: ctx.args[0] });
    printOperation(ctx, answer);
    if (!ctx.flags.json) ctx.print(`Rolled back${ctx.args[0] ? ` to ${ctx.args[0]}` : ''}: v${answer.release}`);
  },
};
