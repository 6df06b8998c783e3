import { readFileSync } from 'node:fs';
import type { Command } from '../command.js';
import type { CertInfo } from '../../services/certs.js';
import { PaasError } from '../../core/errors.js';
import { printCert } from './certs-print.js';

export const certsAdd: Command = {
  name: 'certs:add',
  summary: 'serve a certificate you bring (PEM chain and its unencrypted key); ends ACME for the app',
  usage: 'certs:add CERT.pem KEY.pem [-a APP] [--json]',
  async run(ctx) {
    const [certFile, keyFile] = ctx.args;
    if (!certFile || !keyFile || ctx.args.length > 2) throw new PaasError('CLI_USAGE', `usage: paas ${this.usage}`);
    const read = (file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (e) {
        throw new PaasError('CLI_USAGE', `cannot read ${file}: ${(e as Error).message}`);
      }
    };
    const app = await ctx.app();
    printCert(ctx, await ctx.api().request<CertInfo>('PUT', `/api/apps/${encodeURIComponent(app)}/certs`, { cert: read(certFile), key: read(keyFile) }));
  },
};
