import type { Command } from '../command.js';
import { parseScale } from '../../core/formation.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

export const psScale: Command = {
  name: 'ps:scale',
  summary: 'set how many containers each process type runs (web replicas are load balanced)',
  usage: 'ps:scale TYPE=N [TYPE=N…] [-a APP]',
  async run(ctx) {
    const scale = parseScale(ctx.args);
    const answer = await ctx.api().request<OperationAnswer & { formation: Record<string, number> }>('PATCH', appPath(await ctx.app(), '/formation'), scale);
    printOperation(ctx, answer);
    if (!ctx.flags.json) ctx.print(`Now running ${Object.entries(answer.formation).map(([t, n]) => `${t}=${n}`).join(' ')}`);
  },
};
