import type { Command } from '../command.js';
import type { DomainRow } from '../../services/domains.js';

export const domains: Command = {
  name: 'domains',
  summary: "list an app's domains",
  usage: 'domains [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    const rows = await ctx.api().request<DomainRow[]>('GET', `/api/apps/${encodeURIComponent(app)}/domains`);
    if (ctx.flags.json) return ctx.printJson(rows);
    ctx.print(`=== ${app} Domains`);
    for (const r of rows) ctx.print(r.kind === 'default' ? `${r.domain}  (default)` : r.domain);
  },
};
