import type { Command } from '../command.js';
import type { AppInfo } from '../../services/apps.js';

export const appsInfo: Command = {
  name: 'apps:info',
  summary: 'show an app',
  usage: 'apps:info [-a APP] [--json]',
  async run(ctx) {
    const app = ctx.args[0] ?? (await ctx.app());
    const info = await ctx.api().request<AppInfo>('GET', `/api/apps/${encodeURIComponent(app)}`);
    if (ctx.flags.json) return ctx.printJson(info);
    ctx.print(`=== ${info.name}`);
    ctx.print(`Web URL:     ${info.url}`);
    ctx.print(`Git URL:     ${ctx.api().creds.url}${info.gitPath}`);
    ctx.print(`Domains:     ${info.domains.join(', ')}`);
    ctx.print(`Release:     ${info.currentVersion ? `v${info.currentVersion}` : 'none yet (git push to deploy)'}`);
    ctx.print(`Formation:   ${Object.entries(info.formation).map(([t, n]) => `${t}=${n}`).join(' ') || 'web=1'}`);
    ctx.print(`Deploys:     ${info.strategy}`);
    if (info.lock) ctx.print(`Busy:        ${info.lock.operation} since ${info.lock.acquiredAt}`);
    ctx.print(`Created:     ${info.createdAt}`);
  },
};
