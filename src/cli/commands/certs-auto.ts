import type { Command } from '../command.js';
import type { CertInfo } from '../../services/certs.js';
import { printCert } from './certs-print.js';

export const certsAuto: Command = {
  name: 'certs:auto',
  summary: "get a certificate for the app's domains from the ACME CA now, and renew it automatically",
  usage: 'certs:auto [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    if (!ctx.flags.json) ctx.print(`Ordering a certificate for ${app}...`);
    printCert(ctx, await ctx.api().request<CertInfo>('POST', `/api/apps/${encodeURIComponent(app)}/certs/auto`));
  },
};
