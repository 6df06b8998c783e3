import type { Command } from '../command.js';
import type { SshKey } from '../../core/model.js';
import { table } from '../table.js';

export const keys: Command = {
  name: 'keys',
  summary: 'list the SSH public keys allowed to git push over SSH',
  usage: 'keys [--json]',
  async run(ctx) {
    const list = await ctx.api().request<SshKey[]>('GET', '/api/keys');
    if (ctx.flags.json) return ctx.printJson(list);
    if (list.length === 0) return ctx.print('No SSH keys yet: add one with `paas keys:add ~/.ssh/id_ed25519.pub`');
    for (const line of table(['FINGERPRINT', 'TYPE', 'COMMENT', 'ADDED'], list.map((k) => [k.fingerprint, k.type, k.comment, k.createdAt]))) ctx.print(line);
  },
};
