import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import { validateEnvKey } from '../../core/names.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

export const configUnset: Command = {
  name: 'config:unset',
  summary: 'unset config vars (one new release)',
  usage: 'config:unset KEY [KEY…] [-a APP]',
  async run(ctx) {
    if (ctx.args.length === 0) throw new PaasError('CLI_USAGE', 'usage: paas config:unset KEY [KEY…]');
    const patch = Object.fromEntries(ctx.args.map((k) => [validateEnvKey(k), null]));
    const answer = await ctx.api().request<OperationAnswer & { release?: number }>('PATCH', appPath(await ctx.app(), '/config'), patch);
    printOperation(ctx, answer);
    if (!ctx.flags.json) ctx.print(`Unset ${ctx.args.join(', ')}${answer.release ? `: v${answer.release}` : ''}`);
  },
};
