import type { Command } from '../command.js';
import type { ReleaseView } from '../../services/releases.js';
import { table } from '../table.js';
import { appPath } from '../operation-output.js';

export const releases: Command = {
  name: 'releases',
  summary: "list an app's releases, newest first",
  usage: 'releases [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    const rows = await ctx.api().request<ReleaseView[]>('GET', appPath(app, '/releases'));
    if (ctx.flags.json) return ctx.printJson(rows);
    if (rows.length === 0) return ctx.print(`${app} has no releases yet (git push to deploy)`);
    ctx.print(`=== ${app} releases`);
    for (const line of table(
      ['', 'VERSION', 'STATUS', 'CREATED', 'DESCRIPTION'],
      rows.map((r) => [r.current ? '*' : '', `v${r.version}`, r.status, r.createdAt.replace('T', ' ').slice(0, 19), r.description]),
    )) ctx.print(line);
  },
};
