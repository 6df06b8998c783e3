import type { Command } from '../command.js';
import type { CertInfo } from '../../services/certs.js';
import { printCert } from './certs-print.js';

export const certs: Command = {
  name: 'certs',
  summary: "show an app's certificate: names, issuer, expiry, last renewal error",
  usage: 'certs [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    printCert(ctx, await ctx.api().request<CertInfo>('GET', `/api/apps/${encodeURIComponent(app)}/certs`));
  },
};
