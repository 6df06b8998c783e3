import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';
import { parseMount } from '../../core/volumes.js';
import { appPath, printOperation, type OperationAnswer } from '../operation-output.js';

export const storageMount: Command = {
  name: 'storage:mount',
  summary: 'mount a host directory into every container of the app (applied by a restart)',
  usage: 'storage:mount HOST_PATH:CONTAINER_PATH [-a APP]',
  async run(ctx) {
    if (!ctx.args[0]) throw new PaasError('CLI_USAGE', 'usage: paas storage:mount HOST_PATH:CONTAINER_PATH');
    const mount = parseMount(ctx.args[0]);
    printOperation(ctx, await ctx.api().request<OperationAnswer>('POST', appPath(await ctx.app(), '/storage'), { mount: `${mount.hostPath}:${mount.containerPath}` }));
  },
};
