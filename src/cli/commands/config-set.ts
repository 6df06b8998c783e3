import type { Command } from '../command.js';
import { parseAssignments } from '../../core/config-vars.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

export const configSet: Command = {
  name: 'config:set',
  summary: 'set config vars (one new release for the whole set)',
  usage: 'config:set KEY=VALUE [KEY=VALUE…] [-a APP]',
  async run(ctx) {
    const vars = parseAssignments(ctx.args);
    const answer = await ctx.api().request<OperationAnswer & { release?: number }>('PATCH', appPath(await ctx.app(), '/config'), vars);
    printOperation(ctx, answer);
    if (!ctx.flags.json) ctx.print(`Set ${Object.keys(vars).join(', ')}${answer.release ? `: v${answer.release}` : ''}`);
  },
};
