import type { Command } from '../command.js';
import { appPath } from '../operation-output.js';

export const config: Command = {
  name: 'config',
  summary: "show an app's config vars",
  usage: 'config [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    const vars = await ctx.api().request<Record<string, string>>('GET', appPath(app, '/config'));
    if (ctx.flags.json) return ctx.printJson(vars);
    ctx.print(`=== ${app} config vars`);
    const width = Math.max(0, ...Object.keys(vars).map((k) => k.length + 1));
    for (const [k, v] of Object.entries(vars)) ctx.print(`${`${k}:`.padEnd(width)} ${v}`);
  },
};
