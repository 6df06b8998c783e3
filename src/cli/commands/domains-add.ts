import type { Command } from '../command.js';
import type { DomainRow } from '../../services/domains.js';
import { PaasError } from '../../core/errors.js';

export const domainsAdd: Command = {
  name: 'domains:add',
  summary: 'map a domain to an app (it must resolve to this server unless --no-dns-check)',
  usage: 'domains:add DOMAIN [-a APP] [--no-dns-check]',
  options: { 'no-dns-check': { type: 'boolean' } },
  async run(ctx) {
    const domain = ctx.args[0];
    if (!domain || ctx.args.length > 1) throw new PaasError('CLI_USAGE', `usage: paas ${this.usage}`);
    const app = await ctx.app();
    const rows = await ctx.api().request<DomainRow[]>('POST', `/api/apps/${encodeURIComponent(app)}/domains`, {
      domain,
      dnsCheck: ctx.flags['no-dns-check'] !== true,
    });
    if (ctx.flags.json) return ctx.printJson(rows);
    ctx.print(`Adding ${domain} to ${app}... done`);
  },
};
