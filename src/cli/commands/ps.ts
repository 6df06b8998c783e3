import type { Command } from '../command.js';
import type { ProcessRow } from '../../services/ps.js';
import { table } from '../table.js';

export const ps: Command = {
  name: 'ps',
  summary: "list an app's processes",
  usage: 'ps [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    const rows = await ctx.api().request<ProcessRow[]>('GET', `/api/apps/${encodeURIComponent(app)}/ps`);
    if (ctx.flags.json) return ctx.printJson(rows);
    if (rows.length === 0) return ctx.print(`${app} runs no processes (git push to deploy)`);
    for (const line of table(
      ['PROCESS', 'RELEASE', 'STATE', 'SLOT', 'PORT', 'UPTIME'],
      rows.map((r) => [`${r.process}.${r.replica}`, r.release, r.state, r.slot, r.port, r.status]),
    )) ctx.print(line);
  },
};
