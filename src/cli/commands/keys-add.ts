import fs from 'node:fs';
import type { Command } from '../command.js';
import type { SshKey } from '../../core/model.js';
import { PaasError } from '../../core/errors.js';

export const keysAdd: Command = {
  name: 'keys:add',
  summary: 'allow an SSH public key to git push over SSH',
  usage: 'keys:add PUBKEY_FILE',
  async run(ctx) {
    const [file] = ctx.args;
    if (!file) throw new PaasError('CLI_USAGE', 'usage: paas keys:add PUBKEY_FILE', { hint: 'e.g. paas keys:add ~/.ssh/id_ed25519.pub' });
    let text: string;
    try {
      if (fs.statSync(file).size > 64 * 1024) throw new Error('larger than 64 KiB: not a public key');
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new PaasError('CLI_USAGE', `cannot read ${file}: ${(e as Error).message}`);
    }
    const key = await ctx.api().request<SshKey>('POST', '/api/keys', { key: text });
    if (ctx.flags.json) return ctx.printJson(key);
    ctx.print(`Added key ${key.fingerprint} (${key.type}${key.comment ? `, ${key.comment}` : ''})`);
  },
};
