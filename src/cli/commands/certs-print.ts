import type { CommandContext } from '../command.js';
import type { CertInfo } from '../../services/certs.js';

/** `paas certs` and the commands that change a certificate print the same block. */
export function printCert(ctx: CommandContext, c: CertInfo): void {
  if (ctx.flags.json) return ctx.printJson(c);
  const mode = { acme: 'ACME, renewed automatically', custom: 'uploaded with certs:add', off: 'none: plain HTTP' }[c.mode];
  ctx.print(`=== ${c.app} Certificate (${mode})`);
  const rows: [string, string | undefined][] = [
    ['Names', c.names?.join(', ')],
    ['Issuer', c.issuer],
    ['Serial', c.serial],
    ['Expires', c.notAfter],
    ['Renews', c.renewAt],
    ['Installed', c.installedAt],
    ['Last error', c.lastError],
    ['Next attempt', c.lastError ? c.nextAttemptAt : undefined],
  ];
  for (const [k, v] of rows) if (v) ctx.print(`${`${k}:`.padEnd(14)}${v}`);
  if (!c.names && c.mode !== 'off' && !c.lastError) ctx.print('No certificate yet.');
}
