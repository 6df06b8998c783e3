import type { Command } from '../command.js';
import type { VolumeMount } from '../../core/volumes.js';
import { appPath } from '../operation-output.js';

export const storage: Command = {
  name: 'storage',
  summary: "list an app's volumes (host directories that survive deploys)",
  usage: 'storage [-a APP] [--json]',
  async run(ctx) {
    const app = await ctx.app();
    const mounts = await ctx.api().request<VolumeMount[]>('GET', appPath(app, '/storage'));
    if (ctx.flags.json) return ctx.printJson(mounts);
    if (mounts.length === 0) return ctx.print(`${app} has no volumes`);
    for (const m of mounts) ctx.print(`${m.hostPath}:${m.containerPath}`);
  },
};
