import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from '../command.js';
import { PaasError } from '../../core/errors.js';

export const backup: Command = {
  name: 'backup',
  summary: 'save the whole paas (state, repositories, certificates) to a file, while it keeps running',
  usage: 'backup FILE',
  async run(ctx) {
    const [file] = ctx.args;
    if (!file) throw new PaasError('CLI_USAGE', 'usage: paas backup FILE');
    const res = await ctx.api().stream('/api/backup');
    if (!res.body) throw new PaasError('INTERNAL', 'the server sent no backup');
    const tmp = `${file}.partial`;
    // Config vars and keys are inside: the file is for its owner only.
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), fs.createWriteStream(tmp, { mode: 0o600 }));
    fs.renameSync(tmp, file);
    ctx.print(`Backup written to ${file} (${fs.statSync(file).size} bytes)`);
  },
};
