import type { Command } from '../command.js';
import type { FormationEntry } from '../../core/formation.js';
import { formatCpus, formatMemory } from '../../core/resources.js';
import { table } from '../table.js';
import { appPath } from '../operation-output.js';

export const resources: Command = {
  name: 'resources',
  summary: 'show the memory and CPU limits of each process type',
  usage: 'resources [-a APP] [--json]',
  async run(ctx) {
    const rows = await ctx.api().request<FormationEntry[]>('GET', appPath(await ctx.app(), '/resources'));
    if (ctx.flags.json) return ctx.printJson(rows);
    for (const line of table(['TYPE', 'QUANTITY', 'MEMORY', 'CPUS'], rows.map((r) => [r.process, r.quantity, formatMemory(r.memoryBytes), formatCpus(r.nanoCpus)]))) ctx.print(line);
  },
};
