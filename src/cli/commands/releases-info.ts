import type { Command } from '../command.js';
import type { ReleaseView } from '../../services/releases.js';
import { PaasError } from '../../core/errors.js';
import { appPath } from '../operation-output.js';

export const releasesInfo: Command = {
  name: 'releases:info',
  summary: 'show one release (image, commit, config keys, process types)',
  usage: 'releases:info vN [-a APP] [--json]',
  async run(ctx) {
    const version = ctx.args[0];
    if (!version) throw new PaasError('CLI_USAGE', 'usage: paas releases:info vN');
    const r = await ctx.api().request<ReleaseView>('GET', appPath(await ctx.app(), `/releases/${encodeURIComponent(version)}`));
    if (ctx.flags.json) return ctx.printJson(r);
    ctx.print(`=== Release v${r.version}${r.current ? ' (current)' : ''}`);
    ctx.print(`Status:       ${r.status}`);
    ctx.print(`Description:  ${r.description}`);
    ctx.print(`Created:      ${r.createdAt}`);
    ctx.print(`Image:        ${r.image}`);
    if (r.commit) ctx.print(`Commit:       ${r.commit}`);
    if (r.author) ctx.print(`Author:       ${r.author}`);
    if (r.message) ctx.print(`Message:      ${r.message.split('\n')[0]}`);
    ctx.print(`Processes:    ${Object.keys(r.processes).length ? Object.entries(r.processes).map(([t, c]) => `${t}: ${c || '(image default)'}`).join('; ') : 'web (image default)'}`);
    ctx.print(`Health check: ${(r.healthchecks ?? [{ path: '/', attempts: 30 }]).map((h) => `GET ${h.path} within ${h.attempts} s`).join(', ')}`);
    ctx.print(`Config vars:  ${r.configKeys.join(', ') || '(none)'}`);
  },
};
