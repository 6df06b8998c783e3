import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';

export const keysRemove: Command = {
  name: 'keys:remove',
  summary: 'stop an SSH public key from pushing',
  usage: 'keys:remove FINGERPRINT',
  async run(ctx) {
    const [fingerprint] = ctx.args;
    if (!fingerprint) throw new PaasError('CLI_USAGE', 'usage: paas keys:remove FINGERPRINT', { hint: 'see `paas keys` for fingerprints' });
    await ctx.api().request('DELETE', `/api/keys/${encodeURIComponent(fingerprint)}`);
    ctx.print(`Removed key ${fingerprint}`);
  },
};
