import fs from 'node:fs';
import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import type { RestoredApp } from '../../services/backup.js';
import { printOperation } from '../operation-output.js';

export const restore: Command = {
  name: 'restore',
  summary: 'rebuild every app of a backup on this paas (which must have no apps)',
  usage: 'restore FILE',
  async run(ctx) {
    const [file] = ctx.args;
    if (!file) throw new PaasError('CLI_USAGE', 'usage: paas restore FILE');
    if (!fs.existsSync(file)) throw new PaasError('CLI_USAGE', `no such file: ${file}`);
    const answer = await ctx.api().upload<{ apps: RestoredApp[]; output: string[] }>('/api/restore', fs.readFileSync(file), 'application/gzip');
    printOperation(ctx, answer);
    const failed = answer.apps.filter((a) => !a.ok);
    if (failed.length) throw new PaasError('DEPLOY_FAILED', `${failed.length} app(s) could not be restored: ${failed.map((a) => a.app).join(', ')}`);
  },
};
