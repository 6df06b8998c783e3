import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import { parseCpus, parseMemory } from '../../core/resources.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

/** `none` removes a limit; values are checked here and again by the server. */
const limit = (v: unknown, parse: (s: string) => number) => (typeof v !== 'string' ? undefined : v === 'none' ? null : (parse(v), v));

export const resourcesSet: Command = {
  name: 'resources:set',
  summary: 'limit the memory and CPUs of a process type (applied by a zero-downtime restart)',
  usage: 'resources:set TYPE [--memory 512m|none] [--cpus 0.5|none] [-a APP]',
  options: { memory: { type: 'string' }, cpus: { type: 'string' } },
  async run(ctx) {
    const type = ctx.args[0];
    if (!type) throw new PaasError('CLI_USAGE', 'usage: paas resources:set TYPE --memory 512m --cpus 0.5');
    const body = { memory: limit(ctx.flags.memory, parseMemory), cpus: limit(ctx.flags.cpus, parseCpus) };
    printOperation(ctx, await ctx.api().request<OperationAnswer>('PATCH', appPath(await ctx.app(), `/resources/${encodeURIComponent(type)}`), body));
  },
};
