import type { Command } from '../command.js';
import type { CertInfo } from '../../services/certs.js';
import { PaasError } from '../../core/errors.js';
import { printCert } from './certs-print.js';

export const certsRemove: Command = {
  name: 'certs:remove',
  summary: "remove an app's certificate and stop ACME for it: the app is served over plain HTTP",
  usage: 'certs:remove [-a APP] --confirm APP',
  options: { confirm: { type: 'string' } },
  async run(ctx) {
    const app = await ctx.app();
    if (ctx.flags.confirm !== app) {
      throw new PaasError('CLI_USAGE', `this removes HTTPS from ${app}`, { hint: `run again with --confirm ${app}` });
    }
    printCert(ctx, await ctx.api().request<CertInfo>('DELETE', `/api/apps/${encodeURIComponent(app)}/certs`));
  },
};
