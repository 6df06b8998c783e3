import type { Command } from '../command.js';
import type { DomainRow } from '../../services/domains.js';
import { PaasError } from '../../core/errors.js';

export const domainsRemove: Command = {
  name: 'domains:remove',
  summary: 'stop serving an app at a custom domain',
  usage: 'domains:remove DOMAIN [-a APP]',
  async run(ctx) {
    const domain = ctx.args[0];
    if (!domain || ctx.args.length > 1) throw new PaasError('CLI_USAGE', `usage: paas ${this.usage}`);
    const app = await ctx.app();
    const rows = await ctx.api().request<DomainRow[]>('DELETE', `/api/apps/${encodeURIComponent(app)}/domains/${encodeURIComponent(domain)}`);
    if (ctx.flags.json) return ctx.printJson(rows);
    ctx.print(`Removing ${domain} from ${app}... done`);
  },
};
