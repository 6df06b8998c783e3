import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import { validateEnvKey } from '../../core/names.js';
import { appPath } from '../operation-output.js';

export const configGet: Command = {
  name: 'config:get',
  summary: 'print the value of one config var, exactly',
  usage: 'config:get KEY [-a APP]',
  async run(ctx) {
    const key = validateEnvKey(ctx.args[0] ?? '');
    const vars = await ctx.api().request<Record<string, string>>('GET', appPath(await ctx.app(), '/config'));
    if (!(key in vars)) throw new PaasError('NOT_FOUND', `${key} is not set`);
    process.stdout.write(`${vars[key]}\n`);
  },
};
