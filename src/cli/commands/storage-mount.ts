import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import { formatMount, parseMount } from '../../core/volumes.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

/** storage:mount and storage:unmount differ only in their endpoint and words. */
const volumeCommand = (name: string, summary: string, endpoint: string): Command => ({
  name,
  summary,
  usage: `${name} HOST_PATH:CONTAINER_PATH [-a APP]`,
  async run(ctx) {
    if (!ctx.args[0]) throw new PaasError('CLI_USAGE', `usage: paas ${name} HOST_PATH:CONTAINER_PATH`);
    const mount = formatMount(parseMount(ctx.args[0]));
    printOperation(ctx, await ctx.api().request<OperationAnswer>('POST', appPath(await ctx.app(), endpoint), { mount }));
  },
});

export const storageMount = volumeCommand('storage:mount', 'mount a host directory into every container of the app (applied by a restart)', '/storage');
export const storageUnmount = volumeCommand('storage:unmount', 'remove a volume from the app (applied by a restart; the host directory stays)', '/storage/unmount');
