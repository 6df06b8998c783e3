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
    for (const r of rows.filter((x) => x.crashed)) {
      const c = r.crashed!;
      ctx.print('');
      ctx.print(`${r.process}.${r.replica} crashed: ${c.exits} exits within a minute, last exit code ${c.exitCode ?? '?'} (${c.at}).`);
      ctx.print(`It is no longer restarted; fix it and deploy, or run \`paas ps:restart ${r.process}\`. Its last output:`);
      for (const line of c.lastLines) ctx.print(`    ${line}`);
    }
  },
};
