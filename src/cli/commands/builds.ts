import type { Command } from '../command.js';
import type { Build } from '../../core/model.js';
import { table } from '../table.js';

export const builds: Command = {
  name: 'builds',
  summary: "list an app's builds with status and duration",
  usage: 'builds [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    const rows = await ctx.api().request<Build[]>('GET', `/api/apps/${encodeURIComponent(app)}/builds`);
    if (ctx.flags.json) return ctx.printJson(rows);
    if (rows.length === 0) return ctx.print(`${app} has no builds yet (git push to build)`);
    for (const line of table(
      ['ID', 'STATUS', 'RUNTIME', 'COMMIT', 'RELEASE', 'STARTED', 'DURATION', 'ERROR'],
      rows.map((b) => [
        b.id, b.status, b.runtime, b.commit.slice(0, 7), b.version === undefined ? undefined : `v${b.version}`, b.startedAt,
        b.durationMs === undefined ? undefined : `${(b.durationMs / 1000).toFixed(1)} s`, b.error?.split('\n')[0]?.slice(0, 80),
      ]),
    )) ctx.print(line);
  },
};
