import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';

export const logs: Command = {
  name: 'logs',
  summary: "show an app's output (-f to follow)",
  usage: 'logs [-a APP] [-f] [-n N] [-t TYPE]',
  options: {
    follow: { type: 'boolean', short: 'f' },
    num: { type: 'string', short: 'n' },
    type: { type: 'string', short: 't' },
  },
  async run(ctx) {
    const app = await ctx.app();
    const num = typeof ctx.flags.num === 'string' ? ctx.flags.num : '100';
    if (!/^\d{1,6}$/.test(num)) throw new PaasError('CLI_USAGE', '-n takes a number of lines');
    const query = new URLSearchParams({ tail: num, follow: ctx.flags.follow ? '1' : '0' });
    if (typeof ctx.flags.type === 'string') query.set('process', ctx.flags.type);
    const res = await ctx.api().stream(`/api/apps/${encodeURIComponent(app)}/logs?${query}`);
    if (!res.body) return;
    for await (const chunk of res.body) process.stdout.write(chunk);
  },
};
